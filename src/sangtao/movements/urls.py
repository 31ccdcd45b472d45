from django.urls import path

from sangtao.registers import register_urls

from . import views
from .registers import PARTS

app_name = "movements"
urlpatterns = [
    path("", views.movement_list_page, name="list"),
    path("new/", views.movement_create_page, name="create"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("<int:pk>/edit/", views.movement_edit, name="edit"),
    path("<int:pk>/rounds/", views.movement_rounds, name="rounds"),
    path("<int:pk>/rounds/<int:item>/", views.round_edit, name="round_edit"),
    path("<int:pk>/grades/", views.movement_grades, name="grades"),
    path("<int:pk>/milestones/<int:item>/done/", views.milestone_done, name="milestone_done"),
    path("<int:pk>/campaigns/", views.movement_campaigns, name="campaigns"),
    path("<int:pk>/campaigns/<int:item>/", views.campaign_set_active, name="campaign_set_active"),
    # fields, criteria, milestones: list and add, edit, move, delete
    *(pattern for part in PARTS for pattern in register_urls(part)),
]
