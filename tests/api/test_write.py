"""Dossiers through the API: the same services, rules and audit events as the pages."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType

from sangtao.appraisal.models import Council
from sangtao.core.models import AuditEvent
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State


def _payload(movement, unit) -> dict:
    return {
        "kind": "initiative",
        "title": "Ứng dụng phần mềm quản lý hồ sơ hội viên",
        "round_id": movement.rounds.first().pk,
        "field_id": movement.fields.first().pk,
        "unit_id": unit.pk,
        "summary": "Số hóa hồ sơ hội viên.",
        "essence": "Cơ sở dữ liệu hội viên trên điện thoại.",
        "first_applied_on": "2018-03-01",
        "application_scope": "Các chi hội trong xã",
        "benefits": "Giảm thời gian tổng hợp báo cáo.",
        "yearly_saving_vnd": 12500000,
        "conditions": "Có điện thoại thông minh",
        "confidential_sections": ["essence"],
        "authors": [{"full_name": "Trần Thị Hoa", "unit_name": "Hội Nông dân", "share": "100"}],
    }


def _post(client, url, headers, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json", **headers)


def _patch(client, url, headers, body):
    return client.patch(url, json.dumps(body), content_type="application/json", **headers)


def _events(initiative):
    return list(
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Initiative), target_id=str(initiative.pk)
        )
        .order_by("id")
        .values_list("action", "from_state", "to_state", "actor__username")
    )


def test_author_files_and_submits_a_dossier(client, movement, tree, people, bearer):
    headers = bearer(people["author"])

    created = _post(client, "/api/my/initiatives", headers, _payload(movement, tree["school"]))

    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "draft"
    assert body["problems"] == {}
    assert body["confidential_sections"] == ["essence"]
    assert body["authors"][0]["share"] == "100.00"
    url = f"/api/dossiers/{body['public_id']}"
    submitted = _post(client, f"{url}/submit", headers)
    assert submitted.status_code == 200
    assert submitted.json()["state"] == "submitted"
    mine = client.get("/api/my/initiatives", **headers).json()
    assert [item["public_id"] for item in mine["items"]] == [body["public_id"]]


def test_the_token_holder_links_their_own_author_row(client, movement, tree, people, bearer):
    headers = bearer(people["author"])
    payload = _payload(movement, tree["school"])
    payload["authors"] = [
        {"full_name": "Nguyễn Văn tacgia", "share": "60", "is_me": True},
        {"full_name": "Lê Văn Cùng", "share": "40"},
    ]
    body = _post(client, "/api/my/initiatives", headers, payload).json()
    assert [a["is_me"] for a in body["authors"]] == [True, False]
    initiative = Initiative.objects.get(public_id=body["public_id"])
    assert list(initiative.authors.values_list("user", flat=True)) == [people["author"].pk, None]
    # Seen by somebody else (the clerk, once submitted), the row is not theirs.
    _post(client, f"/api/dossiers/{body['public_id']}/submit", headers)
    seen = client.get(f"/api/dossiers/{body['public_id']}", **bearer(people["clerk"])).json()
    assert [a["is_me"] for a in seen["authors"]] == [False, False]


def test_the_api_and_the_pages_leave_the_same_trail(
    client, client_for, movement, tree, people, bearer
):
    """One dossier through the pages, one through the API: the same audit events."""
    Council.objects.create(round=movement.rounds.first(), unit=tree["commune"], name="Hội đồng")
    page = client_for(people["author"])
    form = {
        "kind": "initiative",
        "title": "Qua trang",
        "round": movement.rounds.first().pk,
        "field": movement.fields.first().pk,
        "unit": tree["school"].pk,
        "summary": "Tóm tắt",
        "essence": "Bản chất",
        "first_applied_on": "2018-03-01",
        "application_scope": "Trong xã",
        "benefits": "Lợi ích",
        "conditions": "",
        "authors-TOTAL_FORMS": "1",
        "authors-INITIAL_FORMS": "0",
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "30",
        "authors-0-full_name": "Trần Thị Hoa",
        "authors-0-share": "100",
        "action": "submit",
    }
    assert page.post("/initiatives/new/", form).status_code == 302
    by_page = Initiative.objects.get(title="Qua trang")
    page.post(f"/initiatives/{by_page.public_id}/submit/")  # confirmed on its summary
    page_clerk = client_for(people["clerk"])
    page_clerk.post(f"/initiatives/{by_page.public_id}/forward/", {"reason": ""})

    headers = bearer(people["author"])
    clerk = bearer(people["clerk"])
    payload = _payload(movement, tree["school"]) | {"title": "Qua API"}
    public_id = _post(client, "/api/my/initiatives", headers, payload).json()["public_id"]
    _post(client, f"/api/dossiers/{public_id}/submit", headers)
    forwarded = _post(client, f"/api/dossiers/{public_id}/forward", clerk, {"note": ""})
    assert forwarded.json()["state"] == "in_appraisal"
    by_api = Initiative.objects.get(public_id=public_id)
    by_page.refresh_from_db()

    strip = [(a, f, t, who) for a, f, t, who in _events(by_page) if a != "initiative.update"]
    assert strip == [
        ("initiative.create", "", "draft", "tacgia"),
        ("initiative.submit", "draft", "submitted", "tacgia"),
        ("initiative.forward", "submitted", "in_appraisal", "vanthu"),
    ]
    assert _events(by_api) == strip
    assert by_api.appraisal_unit == by_page.appraisal_unit == tree["commune"]


def test_update_changes_only_the_fields_given(client, make_initiative, people, bearer):
    draft = make_initiative(State.DRAFT)
    headers = bearer(people["author"])

    response = _patch(client, f"/api/dossiers/{draft.public_id}", headers, {"title": "Tên mới"})

    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.title == "Tên mới"
    assert draft.summary == "Số hóa hồ sơ hội viên của Hội Nông dân xã."
    assert draft.authors.count() == 1
    assert _events(draft)[-1][0] == "initiative.update"


def test_invalid_dossier_gets_the_forms_messages_and_saves_nothing(
    client, movement, tree, people, bearer
):
    headers = bearer(people["author"])
    payload = _payload(movement, tree["school"]) | {
        "unit_id": tree["other_school"].pk,
        "title": "",
        "authors": [{"full_name": "A", "share": "60"}, {"full_name": "B", "share": "60"}],
    }

    response = _post(client, "/api/my/initiatives", headers, payload)

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["title"] == ["Trường này là bắt buộc."]
    assert "unit_id" in errors
    assert errors["authors"] == ["Tổng tỷ lệ đóng góp vượt quá 100%."]
    assert not Initiative.objects.exists()


def test_incomplete_dossier_cannot_be_submitted(client, people, bearer):
    headers = bearer(people["author"])
    draft = _post(client, "/api/my/initiatives", headers, {"title": "Chưa xong"}).json()

    response = _post(client, f"/api/dossiers/{draft['public_id']}/submit", headers)

    assert response.status_code == 422
    assert response.json()["errors"]["summary"] == ["Cần điền mục này trước khi nộp hồ sơ."]
    assert Initiative.objects.get().state == State.DRAFT


def test_step_not_possible_now_is_a_conflict(client, make_initiative, people, bearer):
    submitted = make_initiative(State.SUBMITTED)

    url = f"/api/dossiers/{submitted.public_id}/submit"
    response = _post(client, url, bearer(people["author"]))

    assert response.status_code == 409
    assert "Đã nộp" in response.json()["detail"]


def test_clerk_queue_and_return(client, make_initiative, people, bearer):
    submitted = make_initiative(State.SUBMITTED)
    make_initiative(State.SUBMITTED, title="Ở Gò Dầu", unit=None)
    clerk = bearer(people["clerk"])

    queue = client.get("/api/queue", **clerk).json()
    returned = _post(
        client, f"/api/dossiers/{submitted.public_id}/return", clerk, {"reason": "Thiếu minh chứng"}
    )

    assert queue["count"] == 2
    assert returned.json()["state"] == "returned"
    assert _events(submitted)[-1] == ("initiative.return", "submitted", "returned", "vanthu")


def test_return_needs_a_reason(client, make_initiative, people, bearer):
    submitted = make_initiative(State.SUBMITTED)

    response = _post(
        client, f"/api/dossiers/{submitted.public_id}/return", bearer(people["clerk"]), {}
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"reason": ["Trường này là bắt buộc."]}


def test_clerk_outside_the_subtree_learns_nothing(client, make_initiative, people, bearer):
    submitted = make_initiative(State.SUBMITTED)
    other = bearer(people["other_clerk"])

    forward = _post(client, f"/api/dossiers/{submitted.public_id}/forward", other)
    detail = client.get(f"/api/dossiers/{submitted.public_id}", **other)
    missing = client.get("/api/dossiers/00000000-0000-0000-0000-000000000000", **other)

    assert forward.status_code == detail.status_code == 404
    assert forward.json() == missing.json() == {"detail": "Không tìm thấy.", "errors": {}}
    assert client.get("/api/queue", **other).json()["count"] == 0
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_seeing_is_not_acting(client, make_initiative, people, bearer):
    """The leader sees the district's dossiers but may not forward them (403); the author may
    not forward their own (403) nor edit another's draft (404)."""
    submitted = make_initiative(State.SUBMITTED)
    draft = make_initiative(State.DRAFT)

    leader = _post(client, f"/api/dossiers/{submitted.public_id}/forward", bearer(people["leader"]))
    author = _post(client, f"/api/dossiers/{submitted.public_id}/forward", bearer(people["author"]))
    outsider = _patch(
        client, f"/api/dossiers/{draft.public_id}", bearer(people["outsider"]), {"title": "x"}
    )

    assert leader.status_code == 403
    assert leader.json()["detail"] == "Bạn không có quyền thực hiện thao tác này."
    assert author.status_code == 403
    assert outsider.status_code == 404


def test_queue_is_refused_to_an_author(client, people, bearer):
    assert client.get("/api/queue", **bearer(people["author"])).status_code == 403


def test_leader_cannot_file(client, movement, tree, people, bearer):
    response = _post(
        client, "/api/my/initiatives", bearer(people["leader"]), _payload(movement, tree["school"])
    )
    assert response.status_code == 403
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    "body",
    ["{", "[]", '{"title": 5}', '{"title": "a\\u0000b"}', '{"authors": [{"share": "abc"}]}'],
)
def test_malformed_bodies_are_refused_without_error(client, people, bearer, body):
    response = client.post(
        "/api/my/initiatives", body, content_type="application/json", **bearer(people["author"])
    )
    assert response.status_code in (400, 422)
    assert response.json()["detail"]
    assert not Initiative.objects.exists()


def test_my_list_query_count_does_not_grow(
    client, make_initiative, people, bearer, django_assert_num_queries
):
    headers = bearer(people["author"])
    make_initiative(State.DRAFT)
    client.get("/api/me", **headers)  # the token's last use is written once a minute

    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/my/initiatives", **headers).status_code == 200
        return len(queries)

    one = count_queries()
    for number in range(4):
        make_initiative(State.SUBMITTED, title=f"Hồ sơ {number}")
        make_initiative(State.DRAFT, title=f"Nháp {number}")
    assert count_queries() == one
