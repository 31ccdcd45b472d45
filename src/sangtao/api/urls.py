from django.urls import path

from . import views
from .api import api

app_name = "api"
urlpatterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("open-data/", views.opendata, name="opendata"),
    path("open-data/<str:name>", views.opendata_file, name="opendata_file"),
    path("", api.urls),
]
