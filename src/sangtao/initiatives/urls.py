from django.urls import path

from sangtao.registers import register_urls

from . import views, views_authors, views_novelty
from .registers import ALL, WAITING

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_mine, name="mine"),
    path("new/", views.initiative_create_page, name="create"),
    *register_urls(WAITING),  # queue/: what waits for the person ("Hồ sơ chờ xử lý")
    *register_urls(ALL),  # all/: every dossier of the subtrees they serve
    path("authors/", views_authors.author_rows, name="author_rows"),
    path("<uuid:public_id>/author-requests/", views_authors.author_claims, name="author_claims"),
    path("novelty/", views_novelty.novelty_check, name="novelty"),
    path("<uuid:public_id>/similar/", views_novelty.initiative_similar, name="similar"),
    path("<uuid:public_id>/links/", views_novelty.initiative_link_create, name="link"),
    path(
        "<uuid:public_id>/not-duplicate/",
        views_novelty.initiative_not_duplicate,
        name="not_duplicate",
    ),
    path("<uuid:public_id>/", views.initiative_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.initiative_edit_page, name="edit"),
    path("<uuid:public_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "<uuid:public_id>/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<uuid:public_id>/attachments/<int:pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("<uuid:public_id>/forward/", views.initiative_forward_page, name="forward"),
    path(
        "<uuid:public_id>/submit/confirm/",
        views.initiative_submit_confirm,
        name="submit_confirm",
    ),
    path("<uuid:public_id>/<str:transition>/", views.initiative_transition, name="transition"),
]
