from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("xlsx/<slug:chart>/", views.figures_xlsx, name="xlsx"),
    path("lists/<slug:kind>/", views.export, name="export"),
]
