from django.urls import include, path

from .views import councils, members, results, sheets

app_name = "appraisal"

# One initiative before a council: its result, the decision, the discussion, the conflicts of
# interest declared, its files and the lower council's minutes.
INITIATIVE_PAGES = [
    path("", results.initiative_result, name="result"),
    path("decide/", results.decide, name="decide"),
    path("discussion/", results.discussion_post, name="discuss"),
    path("conflicts/", members.conflict_record, name="conflict_record"),
    path("attachments/<int:attachment>/", results.attachment_download, name="attachment"),
    path("lower/<int:lower>/minutes.pdf", results.lower_minutes, name="lower_minutes"),
]

urlpatterns = [
    path("", councils.council_list, name="list"),
    path("new/", councils.council_create, name="create"),
    path("tasks/", sheets.member_task_list, name="tasks"),
    path("sheets/<uuid:sheet>/", sheets.sheet, name="sheet"),
    path("sheets/<uuid:sheet>/conflict/", sheets.sheet_conflict, name="sheet_conflict"),
    path(
        "initiatives/<uuid:initiative>/conflicts/",
        members.author_conflicts,
        name="author_conflicts",
    ),
    path("<int:pk>/", councils.council_detail, name="council"),
    path("<int:pk>/edit/", councils.council_edit, name="edit"),
    path("<int:pk>/decision.pdf", councils.council_decision_file, name="decision_file"),
    path("<int:pk>/members/", members.council_members, name="members"),
    path("<int:pk>/members/pick/", members.council_people_pick, name="people_pick"),
    path(
        "<int:pk>/members/<int:member>/remove/", members.council_member_remove, name="member_remove"
    ),
    path("<int:pk>/assign/", members.assign, name="assign"),
    path("<int:pk>/assign/auto/", members.assign_auto, name="assign_auto"),
    path("<int:pk>/assign/remove/", members.assignment_remove, name="assignment_remove"),
    path("<int:pk>/conflicts/", members.council_conflicts, name="conflicts"),
    path("<int:pk>/ranking/", results.ranking, name="ranking"),
    path("<int:pk>/agreement/", results.agreement, name="agreement"),
    path("<int:pk>/seal/", councils.seal, name="seal"),
    path("<int:pk>/meeting/", councils.meeting, name="meeting"),
    path("<int:pk>/reopen/", councils.reopen, name="reopen"),
    path("<int:pk>/nominate/", results.nominate, name="nominate"),
    path("<int:pk>/initiatives/<uuid:initiative>/", include(INITIATIVE_PAGES)),
    # The council's papers and results.
    *(
        path(
            f"<int:pk>/papers/{name}.{extension}",
            results.council_paper,
            {"name": name, "extension": extension},
            name=f"{name}_{extension}",
        )
        for name in ("minutes", "decision")
        for extension in ("docx", "pdf")
    ),
    path("<int:pk>/results.xlsx", results.results_xlsx, name="results_xlsx"),
    path("<int:pk>/import/", sheets.sheets_import, name="sheets_import"),
]
