from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("<uuid:public_id>/", views.initiative_detail, name="detail"),
    path("committees/<int:pk>/", views.committee_detail, name="committee"),
    path("units/", views.unit_pick, name="unit_pick"),
]
