"""The audit trail page of one object: read-only, for whoever may view the object."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangtao.core.models import AuditEvent
from sangtao.core.services import audit_record
from sangtao.initiatives import services as initiatives
from sangtao.movements.services import movement_create

from ..factories import ONE_AUTHOR, complete_dossier, make_user


@pytest.fixture
def initiative(movement, tree, people):
    made = initiatives.initiative_create(
        by=people["author"], data=complete_dossier(movement, tree["school"]), authors=ONE_AUTHOR
    )
    initiatives.initiative_submit(initiative=made, by=people["author"])
    return made


def _url(initiative) -> str:
    return reverse("audit_trail", args=["initiatives.initiative", initiative.pk])


def test_owner_reads_the_trail_newest_first_with_labels(initiative, people, client_for):
    response = client_for(people["author"]).get(_url(initiative))

    assert response.status_code == 200
    rows = [(e.action, e.sentence, e.from_state, e.to_state) for e in response.context["page"]]
    assert rows == [
        ("initiative.submit", "Đã nộp hồ sơ.", "draft", "submitted"),
        ("initiative.create", "Đã tạo bản nháp.", "", "draft"),
    ]
    page = response.content.decode()
    assert "Nhật ký thao tác" in page
    assert f'href="{reverse("initiatives:detail", args=[initiative.public_id])}"' in page


def test_clerk_over_the_unit_reads_it_and_an_outsider_may_not(initiative, people, client_for):
    assert client_for(people["clerk"]).get(_url(initiative)).status_code == 200
    refused = client_for(people["outsider"]).get(_url(initiative))
    assert refused.status_code == 403
    assert "Không được phép" in refused.content.decode()


def test_anonymous_is_sent_to_sign_in(initiative):
    response = Client().get(_url(initiative))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_council_and_movement_trails_use_their_own_permission(tree, people, client_for):
    movement = movement_create(
        unit=tree["district"], name="Đoàn kết sáng tạo 2017-2020", start_year=2017,
        end_year=2020, by=None,
    )  # fmt: skip
    url = reverse("audit_trail", args=["movements.movement", movement.pk])
    response = client_for(people["author"]).get(url)  # movements.view_movement: signed in
    assert response.status_code == 200
    assert [e.action for e in response.context["page"]] == ["movement.create"]


def test_council_trail_is_for_the_people_of_the_council(movement, tree, people, client_for):
    from sangtao.appraisal import services as appraisal

    council = appraisal.council_create(
        round=movement.rounds.first(),
        unit=tree["commune"],
        by=people["secretary"],
        data={"name": "Hội đồng thẩm định xã Tân Hòa năm 2018"},
    )
    url = reverse("audit_trail", args=["appraisal.council", council.pk])
    assert client_for(people["secretary"]).get(url).status_code == 200
    assert client_for(people["author"]).get(url).status_code == 403


@pytest.mark.parametrize(
    ("model", "object_id"),
    [
        ("accounts.user", "1"),  # not in the registry
        ("core.auditevent", "1"),
        ("khong.co", "1"),
    ],
)
def test_unknown_trails_are_not_found(people, client_for, model, object_id):
    url = reverse("audit_trail", args=[model, object_id])
    assert client_for(people["officer"]).get(url).status_code == 404


@pytest.mark.parametrize("object_id", ["999999", "abc"])
def test_a_missing_object_is_refused_like_one_of_another_unit(people, client_for, object_id):
    """Ids are numbers: a 404 here beside a 403 there would tell what exists elsewhere."""
    url = reverse("audit_trail", args=["initiatives.initiative", object_id])
    response = client_for(people["officer"]).get(url)
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_trail_page_refuses_every_change(initiative, people, client_for, method):
    client = client_for(people["author"])
    response = getattr(client, method)(_url(initiative))
    assert response.status_code == 405
    assert AuditEvent.objects.count() == 2


def test_trail_is_paginated_and_its_queries_do_not_grow(initiative, people, client_for):
    client = client_for(people["author"])

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_url(initiative))
        assert response.status_code == 200
        return len(queries), len(response.context["page"])

    one = count()
    for number in range(60):
        audit_record(actor=people["author"], action="initiative.update", target=initiative,
                     data={"n": number})  # fmt: skip
    many = count()

    assert one == (one[0], 2)
    assert many == (one[0], 50)
    second = client.get(_url(initiative) + "?page=2")
    assert len(second.context["page"]) == 12


def test_events_refuse_to_be_changed_or_deleted(initiative):
    event = AuditEvent.objects.first()
    event.reason = "sửa lại"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_admin_cannot_add_change_or_delete_events(initiative, tree, client_for):
    superuser = make_user("sieuquantri", unit=tree["central"], is_staff=True, is_superuser=True)
    client = client_for(superuser)
    event = AuditEvent.objects.first()

    assert client.get(reverse("admin:core_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:core_auditevent_add")).status_code == 403
    # The change page shows the event read-only: no form field, no save or delete button.
    page = client.get(reverse("admin:core_auditevent_change", args=[event.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert (
        client.post(
            reverse("admin:core_auditevent_change", args=[event.pk]), {"reason": "sửa"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:core_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    bulk = client.post(
        reverse("admin:core_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert bulk.status_code in {200, 302}
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert AuditEvent.objects.get(pk=event.pk).reason == event.reason
