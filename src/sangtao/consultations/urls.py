from django.urls import include, path

from sangtao.registers import register_urls

from . import views
from .registers import CONSULTATIONS

app_name = "consultations"

# Below a consultation's own page: its sections, the comments on them and the responses.
CONSULTATION_PAGES = [
    path("sections/", views.sections, name="sections"),
    path("sections/<int:section>/edit/", views.section_edit, name="section_edit"),
    path("sections/<int:section>/delete/", views.section_delete, name="section_delete"),
    path("sections/<int:section>/move/", views.section_move, name="section_move"),
    path("sections/<int:section>/comment/", views.comment_add, name="comment_add"),
    path("comments/<int:comment>/respond/", views.comment_respond, name="comment_respond"),
    path("publish/", views.responses_publish, name="publish"),
    path("comments.docx", views.comments_download, name="download"),
]

# The register's detail page is the consultation's own page (sections, comments, responses).
urlpatterns = [
    *(p for p in register_urls(CONSULTATIONS) if p.name != "consultation_detail"),
    path("consultations/<int:item>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/", include(CONSULTATION_PAGES)),
]
