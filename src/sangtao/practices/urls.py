from django.urls import path

from sangtao.registers import register_urls

from . import views
from .registers import APPLICATIONS, PRACTICES, REPLICATIONS

app_name = "practices"

urlpatterns = [
    path("target/", views.target, name="target"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
]
urlpatterns += register_urls(PRACTICES)
urlpatterns += register_urls(REPLICATIONS)
urlpatterns += register_urls(APPLICATIONS)
