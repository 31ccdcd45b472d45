from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="mine"),
    path("<uuid:public_id>/", views.job_detail, name="detail"),
    path("<uuid:public_id>/file/", views.job_download, name="download"),
]
