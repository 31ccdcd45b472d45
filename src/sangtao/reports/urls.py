from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.period_list, name="periods"),
    path("new/", views.period_create, name="period_create"),
    path("periods/<int:pk>/", views.period_detail, name="period"),
    path("periods/<int:pk>/close/", views.period_close, name="period_close"),
    path("periods/<int:pk>/resume/", views.period_resume, name="period_resume"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("<int:pk>/attach/", views.report_attach, name="report_attach"),
    path("<int:pk>/report.<str:extension>", views.report_file, name="report_file"),
    path("<int:pk>/<str:action>/", views.report_action, name="report_action"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
