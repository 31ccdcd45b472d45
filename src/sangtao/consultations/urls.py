from django.urls import path

from sangtao.registers import register_urls

from . import views
from .registers import CONSULTATIONS

app_name = "consultations"

# The register's detail page is the consultation's own page (sections, comments, responses).
urlpatterns = [
    *(p for p in register_urls(CONSULTATIONS) if p.name != "consultation_detail"),
    path(
        "consultations/<int:item>/",
        views.consultation_detail,
        name="consultation_detail",
    ),
    path("consultations/<int:pk>/sections/", views.sections, name="sections"),
    path(
        "consultations/<int:pk>/sections/<int:section>/edit/",
        views.section_edit,
        name="section_edit",
    ),
    path(
        "consultations/<int:pk>/sections/<int:section>/delete/",
        views.section_delete,
        name="section_delete",
    ),
    path(
        "consultations/<int:pk>/sections/<int:section>/move/",
        views.section_move,
        name="section_move",
    ),
    path(
        "consultations/<int:pk>/sections/<int:section>/comment/",
        views.comment_add,
        name="comment_add",
    ),
    path(
        "consultations/<int:pk>/comments/<int:comment>/respond/",
        views.comment_respond,
        name="comment_respond",
    ),
    path("consultations/<int:pk>/publish/", views.responses_publish, name="publish"),
    path("consultations/<int:pk>/comments.docx", views.comments_download, name="download"),
]
