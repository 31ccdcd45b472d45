"""The council's files as jobs: who may ask for them and who may see them, the conflicted member
included; the workbook is built for the person who asked."""

import io

import pytest
from django.urls import reverse

from sangtao.appraisal import services as appraisal_services
from sangtao.appraisal.models import Assignment, Conflict
from sangtao.jobs.models import Job

MINUTES = "appraisal:minutes_docx"
RESULTS = "appraisal:results_xlsx"


def _ask(client, name, council, run_jobs):
    with run_jobs():
        response = client.post(reverse(name, args=[council.pk]))
    return response


def _answers(client, job) -> list[int]:
    return [
        client.get(reverse(name, args=[job.public_id])).status_code
        for name in ("jobs:detail", "jobs:download")
    ]


@pytest.fixture
def scored(council, forwarded, people, movement):
    """Every sheet of the council scored and submitted; the chair declared a conflict with the
    first initiative."""
    appraisal_services.assignments_auto(council=council, by=people["secretary"])
    criteria = list(movement.criteria.order_by("order"))
    for sheet in Assignment.objects.select_related("member__user"):
        appraisal_services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (15, "") for c in criteria},
            submit=True,
        )
    chair = council.people["chair"]
    appraisal_services.conflict_declare(
        initiative=forwarded[0],
        user=chair,
        by=chair,
        reason="Người thân của tác giả",
        source=Conflict.Source.MEMBER,
    )
    return council


def test_minutes_job_seen_by_its_requester_alone(council, forwarded, people, client_for, run_jobs):
    """The papers are built for who asked (the figures they may read; before sealing, no
    authors for who appraises blind): like the workbook, nobody else downloads them."""
    secretary = client_for(people["secretary"])
    response = _ask(secretary, MINUTES, council, run_jobs)
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.public_id])
    assert (job.kind, job.requested_by, job.target, job.state) == (
        "appraisal.minutes_docx",
        people["secretary"],
        council,
        "done",
    )
    assert _answers(secretary, job) == [200, 200]
    # The chair and an officer may ask for their own; a member conflicted with the school's
    # initiatives (a teacher there), an expert, an outsider may not.
    for user in [
        council.people["chair"],
        people["officer"],
        council.people["teacher"],
        council.people["expert"],
        people["outsider"],
    ]:
        assert _answers(client_for(user), job) == [403, 403]


def test_council_files_not_asked_for_by_a_conflicted_member_or_an_outsider(
    council, forwarded, people, client_for, run_jobs
):
    # The conflicted member sees the council and is refused; to the outsider it does not exist.
    for user, status in [(council.people["teacher"], 403), (people["outsider"], 404)]:
        client = client_for(user)
        assert _ask(client, MINUTES, council, run_jobs).status_code == status
        assert _ask(client, RESULTS, council, run_jobs).status_code == status
    assert Job.objects.count() == 0


def _scores_of_first_row(content: bytes, first) -> list:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        if row and row[0] == first.pk:
            return [value for value in row[4:-6] if value is not None]
    raise AssertionError("row not found")


def test_results_workbook_is_built_for_the_conflicted_chair_and_shown_to_them_alone(
    scored, forwarded, people, client_for, run_jobs
):
    chair = client_for(scored.people["chair"])
    _ask(chair, RESULTS, scored, run_jobs)
    secretary = client_for(people["secretary"])
    _ask(secretary, RESULTS, scored, run_jobs)
    chairs, secretarys = Job.objects.order_by("id")
    assert (chairs.state, secretarys.state) == ("done", "done")
    # The conflicted chair's copy hides the members' scores of the first initiative.
    assert _scores_of_first_row(chairs.file.read(), forwarded[0]) == []
    assert len(_scores_of_first_row(secretarys.file.read(), forwarded[0])) > 0
    # Each copy is its requester's alone: the secretary may export, but not the chair's copy.
    assert _answers(chair, chairs) == [200, 200]
    assert _answers(secretary, chairs) == [403, 403]
    assert _answers(chair, secretarys) == [403, 403]
    assert _answers(client_for(people["outsider"]), chairs) == [403, 403]
