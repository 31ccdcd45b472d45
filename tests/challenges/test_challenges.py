"""Needs and challenges: who posts and changes them, answering with an initiative, and the
recognised initiatives suggested for a need."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from sangtao.challenges import services
from sangtao.challenges.models import Challenge, ChallengeAnswer
from sangtao.core.models import AuditEvent, Notification
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State


@pytest.fixture
def need(tree, people, movement):
    return services.challenge_create(
        by=people["clerk"],
        data={
            "title": "Cần máy gieo hạt cho ruộng nhỏ",
            "description": "Hợp tác xã cần máy gieo hạt cải tiến, rẻ, dùng cho ruộng nhỏ.",
            "unit": tree["commune"],
            "field": movement.fields.first(),
            "deadline": datetime.date(2030, 1, 1),
        },
    )


def _form(tree, **changes):
    return {
        "title": "Xử lý rác thải nhựa ở chợ",
        "description": "Ban quản lý chợ cần cách thu gom và tái chế rác nhựa.",
        "unit": tree["commune"].pk,
        "organisation": "",
        "deadline": "2030-06-30",
        "field": "",
    } | changes


def test_anyone_reads_the_list_and_the_page(client, need):
    listing = client.get("/challenges/").content.decode()
    page = client.get(f"/challenges/{need.public_id}/")

    assert "Cần máy gieo hạt cho ruộng nhỏ" in listing
    assert page.status_code == 200
    body = page.content.decode()
    assert "Ủy ban MTTQ Việt Nam xã Tân Hòa" in body
    assert "31/12/2029" not in body and "01/01/2030" in body
    assert "Đăng nhập" in body


def test_clerk_posts_a_need_for_their_unit(client_for, people, tree):
    response = client_for(people["clerk"]).post("/challenges/new/", _form(tree))

    challenge = Challenge.objects.get()
    assert response["Location"] == f"/challenges/{challenge.public_id}/"
    assert (challenge.unit, challenge.created_by, challenge.status) == (
        tree["commune"],
        people["clerk"],
        "open",
    )
    assert AuditEvent.objects.filter(action="challenge.create").count() == 1


def test_clerk_cannot_post_for_a_unit_outside_their_subtree(client_for, people, tree):
    response = client_for(people["clerk"]).post(
        "/challenges/new/", _form(tree, unit=tree["other_district"].pk)
    )

    assert response.status_code == 200
    assert not Challenge.objects.exists()


def test_registered_person_posts_for_their_organisation(client_for, people, tree):
    client = client_for(people["author"])
    refused = client.post("/challenges/new/", _form(tree, unit=""))
    posted = client.post(
        "/challenges/new/", _form(tree, unit="", organisation="Công ty TNHH Nhựa Xanh")
    )

    assert "Hãy ghi tên đơn vị hoặc tổ chức." in refused.content.decode()
    assert posted.status_code == 302
    assert Challenge.objects.get().poster_name == "Công ty TNHH Nhựa Xanh"


def test_posting_needs_sign_in(client, db):
    response = client.get("/challenges/new/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_poster_and_staff_over_the_unit_may_change_others_may_not(client_for, people, need):
    url = f"/challenges/{need.public_id}"
    assert client_for(people["other_clerk"]).post(f"{url}/close/").status_code == 403
    assert client_for(people["author"]).get(f"{url}/edit/").status_code == 403
    assert client_for(people["clerk"]).get(f"{url}/edit/").status_code == 200

    closed = client_for(people["officer"]).post(f"{url}/close/")

    assert closed.status_code == 302
    need.refresh_from_db()
    assert need.status == Challenge.Status.CLOSED
    events = AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(Challenge), action="challenge.close"
    )
    assert list(events.values_list("actor__username", flat=True)) == ["phongtrao"]
    assert client_for(people["clerk"]).post(f"{url}/reopen/").status_code == 302
    need.refresh_from_db()
    assert need.is_open


def test_author_answers_with_their_initiative_and_the_poster_is_told(
    client_for, people, need, make_initiative
):
    initiative = make_initiative(State.SUBMITTED, title="Máy gieo hạt mini")
    client = client_for(people["author"])

    response = client.post(f"/challenges/{need.public_id}/answer/", {"initiative": initiative.pk})

    assert response.status_code == 302
    answer = ChallengeAnswer.objects.get()
    assert (answer.challenge, answer.initiative, answer.created_by) == (
        need,
        initiative,
        people["author"],
    )
    assert Notification.objects.filter(recipient=people["clerk"]).count() >= 1
    # The answer is seen by its author and by staff over its unit, not by the public yet.
    assert "Máy gieo hạt mini" in client.get(f"/challenges/{need.public_id}/").content.decode()


def test_nobody_answers_with_someone_elses_initiative(client_for, people, need, make_initiative):
    theirs = make_initiative(State.SUBMITTED)

    client_for(people["outsider"]).post(
        f"/challenges/{need.public_id}/answer/", {"initiative": theirs.pk}
    )

    assert not ChallengeAnswer.objects.exists()


def test_a_closed_need_takes_no_answer(client_for, people, need, make_initiative):
    initiative = make_initiative(State.DRAFT)
    services.challenge_set_status(challenge=need, by=people["clerk"], status="closed")

    response = client_for(people["author"]).post(
        f"/challenges/{need.public_id}/answer/", {"initiative": initiative.pk}
    )

    assert response.status_code == 403
    assert not ChallengeAnswer.objects.exists()


def test_answer_with_a_new_dossier_starts_a_linked_draft(client_for, people, need):
    response = client_for(people["author"]).post(f"/challenges/{need.public_id}/answer/new/")

    draft = Initiative.objects.get()
    assert response["Location"] == f"/initiatives/{draft.public_id}/edit/"
    assert draft.state == State.DRAFT
    assert draft.title == "Cần máy gieo hạt cho ruộng nhỏ"
    assert draft.unit == people["author"].unit
    assert ChallengeAnswer.objects.get().initiative == draft


def test_unauthenticated_answer_goes_to_sign_in(client, need):
    response = client.post(f"/challenges/{need.public_id}/answer/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Initiative.objects.exists()


def test_page_suggests_recognised_initiatives_that_match(client, need, make_initiative):
    make_initiative(title="Máy gieo hạt cải tiến cho ruộng nhỏ", summary="Gieo hạt nhanh, rẻ.")
    make_initiative(State.DRAFT, title="Máy gieo hạt bản nháp", summary="Gieo hạt.")
    make_initiative(title="Phần mềm quản lý hội viên", summary="Số hóa hồ sơ.")

    body = client.get(f"/challenges/{need.public_id}/").content.decode()

    suggestions = body.split('id="suggestions"')[1]
    assert "Máy gieo hạt cải tiến cho ruộng nhỏ" in suggestions
    assert "bản nháp" not in suggestions
    assert "Phần mềm quản lý hội viên" not in suggestions


def test_list_query_count_does_not_grow(client, people, tree, django_assert_num_queries):
    def post(number):
        services.challenge_create(
            by=people["clerk"],
            data={"title": f"Nhu cầu {number}", "description": "…", "unit": tree["commune"]},
        )

    post(0)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/challenges/")
    for number in range(1, 8):
        post(number)
    with CaptureQueriesContext(connection) as many:
        assert "Nhu cầu 7" in client.get("/challenges/").content.decode()
    assert len(many) == len(one)


def test_change_from_a_page_loaded_before_the_close_keeps_it_closed(need, people):
    stale = Challenge.objects.get(pk=need.pk)
    services.challenge_set_status(
        challenge=need, by=people["clerk"], status=Challenge.Status.CLOSED
    )
    services.challenge_update(
        challenge=stale, by=people["clerk"], data={"title": "Cần máy gieo hạt (đã rõ yêu cầu)"}
    )
    row = Challenge.objects.get(pk=need.pk)
    assert (row.status, row.title) == (Challenge.Status.CLOSED, "Cần máy gieo hạt (đã rõ yêu cầu)")
    assert stale.status == Challenge.Status.CLOSED


def test_closing_from_a_page_loaded_before_another_close_records_one_close(need, people):
    stale = Challenge.objects.get(pk=need.pk)
    services.challenge_set_status(
        challenge=need, by=people["clerk"], status=Challenge.Status.CLOSED
    )
    services.challenge_set_status(
        challenge=stale, by=people["clerk"], status=Challenge.Status.CLOSED
    )
    assert AuditEvent.objects.filter(action="challenge.close").count() == 1
