from django.urls import path

from . import views
from .views_documents import council_paper, results_xlsx, sheets_import

app_name = "appraisal"
urlpatterns = [
    path("", views.council_list, name="list"),
    path("new/", views.council_create, name="create"),
    path("tasks/", views.member_task_list, name="tasks"),
    path("sheets/<uuid:sheet>/", views.sheet, name="sheet"),
    path("sheets/<uuid:sheet>/conflict/", views.sheet_conflict, name="sheet_conflict"),
    path(
        "initiatives/<uuid:initiative>/conflicts/",
        views.author_conflicts,
        name="author_conflicts",
    ),
    path("<int:pk>/", views.council_detail, name="council"),
    path("<int:pk>/edit/", views.council_edit, name="edit"),
    path("<int:pk>/decision.pdf", views.council_decision_file, name="decision_file"),
    path("<int:pk>/members/", views.council_members, name="members"),
    path(
        "<int:pk>/members/<int:member>/remove/",
        views.council_member_remove,
        name="member_remove",
    ),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/assign/auto/", views.assign_auto, name="assign_auto"),
    path("<int:pk>/assign/remove/", views.assignment_remove, name="assignment_remove"),
    path("<int:pk>/conflicts/", views.council_conflicts, name="conflicts"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("<int:pk>/seal/", views.seal, name="seal"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/nominate/", views.nominate, name="nominate"),
    path("<int:pk>/initiatives/<uuid:initiative>/", views.initiative_result, name="result"),
    path("<int:pk>/initiatives/<uuid:initiative>/decide/", views.decide, name="decide"),
    path(
        "<int:pk>/initiatives/<uuid:initiative>/discussion/",
        views.discussion_post,
        name="discuss",
    ),
    path(
        "<int:pk>/initiatives/<uuid:initiative>/conflicts/",
        views.conflict_record,
        name="conflict_record",
    ),
    path(
        "<int:pk>/initiatives/<uuid:initiative>/attachments/<int:attachment>/",
        views.attachment_download,
        name="attachment",
    ),
    # The council's papers and results (views_documents).
    path(
        "<int:pk>/papers/minutes.docx",
        council_paper,
        {"name": "minutes", "extension": "docx"},
        name="minutes_docx",
    ),
    path(
        "<int:pk>/papers/minutes.pdf",
        council_paper,
        {"name": "minutes", "extension": "pdf"},
        name="minutes_pdf",
    ),
    path(
        "<int:pk>/papers/decision.docx",
        council_paper,
        {"name": "decision", "extension": "docx"},
        name="decision_docx",
    ),
    path(
        "<int:pk>/papers/decision.pdf",
        council_paper,
        {"name": "decision", "extension": "pdf"},
        name="decision_pdf",
    ),
    path("<int:pk>/results.xlsx", results_xlsx, name="results_xlsx"),
    path("<int:pk>/import/", sheets_import, name="sheets_import"),
]
