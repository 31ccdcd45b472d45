from django.urls import path

from . import views

app_name = "movements"
urlpatterns = [
    path("", views.movement_list_page, name="list"),
    path("new/", views.movement_create_page, name="create"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("<int:pk>/edit/", views.movement_edit, name="edit"),
    path("<int:pk>/rounds/", views.movement_rounds, name="rounds"),
    path("<int:pk>/rounds/<int:item>/", views.round_edit, name="round_edit"),
    path("<int:pk>/fields/", views.movement_fields, name="fields"),
    path("<int:pk>/fields/<int:item>/", views.field_edit, name="field_edit"),
    path("<int:pk>/fields/<int:item>/move/", views.field_move, name="field_move"),
    path("<int:pk>/fields/<int:item>/delete/", views.field_delete, name="field_delete"),
    path("<int:pk>/criteria/", views.movement_criteria, name="criteria"),
    path("<int:pk>/criteria/<int:item>/", views.criterion_edit, name="criterion_edit"),
    path("<int:pk>/criteria/<int:item>/move/", views.criterion_move, name="criterion_move"),
    path("<int:pk>/criteria/<int:item>/delete/", views.criterion_delete, name="criterion_delete"),
    path("<int:pk>/grades/", views.movement_grades, name="grades"),
    path("<int:pk>/milestones/", views.movement_milestones, name="milestones"),
    path("<int:pk>/milestones/<int:item>/", views.milestone_edit, name="milestone_edit"),
    path("<int:pk>/milestones/<int:item>/done/", views.milestone_done, name="milestone_done"),
    path("<int:pk>/milestones/<int:item>/delete/", views.milestone_delete, name="milestone_delete"),
    path("<int:pk>/campaigns/", views.movement_campaigns, name="campaigns"),
    path("<int:pk>/campaigns/<int:item>/", views.campaign_set_active, name="campaign_set_active"),
]
