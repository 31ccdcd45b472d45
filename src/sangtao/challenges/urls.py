from django.urls import path

from . import views

app_name = "challenges"
urlpatterns = [
    path("", views.challenge_index, name="list"),
    path("new/", views.challenge_create_page, name="create"),
    path("<uuid:public_id>/", views.challenge_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.challenge_edit_page, name="edit"),
    path("<uuid:public_id>/close/", views.challenge_status, {"status": "closed"}, name="close"),
    path("<uuid:public_id>/reopen/", views.challenge_status, {"status": "open"}, name="reopen"),
    path("<uuid:public_id>/answer/", views.challenge_answer, name="answer"),
    path("<uuid:public_id>/answer/new/", views.challenge_answer_new, name="answer_new"),
]
