from django.urls import path

from . import views

app_name = "appraisal"
urlpatterns = [
    path("", views.council_list, name="list"),
    path("tasks/", views.member_task_list, name="tasks"),
    path("<int:pk>/", views.council_detail, name="council"),
]
