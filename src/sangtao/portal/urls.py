from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("<uuid:public_id>/", views.initiative_detail, name="detail"),
]
