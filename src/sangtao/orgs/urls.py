from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/add/", views.unit_add, name="add"),
    path("<int:pk>/rename/", views.unit_rename, name="rename"),
    path("<int:pk>/move/", views.unit_move, name="move"),
    path("<int:pk>/close/", views.unit_retire, name="close"),
    path("<int:pk>/import/", views.unit_import, name="import"),
]
