from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.thread_new, name="create"),
    path("<int:pk>/", views.thread_detail, name="detail"),
    path("<int:pk>/close/", views.thread_close, name="close"),
    path("<int:pk>/files/<int:file>/", views.message_file, name="file"),
]
