"""The project's URLs plus one page that fails, to see the 500 page as a person would."""

from django.urls import path

from sangtao.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [*urlpatterns, path("broken/", broken)]
