from django.urls import include, path

from sangtao.registers import register_urls

from . import views, views_authors, views_novelty
from .registers import ALL, WAITING

app_name = "initiatives"

# The pages of one dossier, below its public id.
DOSSIER_PAGES = [
    path("author-requests/", views_authors.author_claims, name="author_claims"),
    path("similar/", views_novelty.initiative_similar, name="similar"),
    path("links/", views_novelty.initiative_link_create, name="link"),
    path("not-duplicate/", views_novelty.initiative_not_duplicate, name="not_duplicate"),
    path("", views.initiative_detail, name="detail"),
    path("edit/", views.initiative_edit_page, name="edit"),
    path("attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("forward/", views.initiative_forward_page, name="forward"),
    path("submit/confirm/", views.initiative_submit_confirm, name="submit_confirm"),
    path("<str:transition>/", views.initiative_transition, name="transition"),  # last: any word
]

urlpatterns = [
    path("", views.initiative_mine, name="mine"),
    path("new/", views.initiative_create_page, name="create"),
    *register_urls(WAITING),  # queue/: what waits for the person ("Hồ sơ chờ xử lý")
    *register_urls(ALL),  # all/: every dossier of the subtrees they serve
    path("authors/", views_authors.author_rows, name="author_rows"),
    path("novelty/", views_novelty.novelty_check, name="novelty"),
    path("<uuid:public_id>/", include(DOSSIER_PAGES)),
]
