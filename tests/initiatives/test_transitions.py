"""The transition table (initiatives/states.py) through its one engine, row by row: who may
take each step, from which states, whether it needs a reason, what the trail records and
who is told; and the pages and the API refuse exactly what the table refuses.

Adding a transition is one row in the table plus its entry in `EXPECTED` below.
"""

import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sangtao.api.services import token_create
from sangtao.appraisal.models import Council, CouncilMember
from sangtao.appraisal.rules import forget_seats
from sangtao.core.models import AuditEvent, Notification
from sangtao.initiatives import services
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import TRANSITIONS, State

from ..factories import ONE_AUTHOR, complete_dossier

# name: (who takes it, who may not, a reason it needs, who is told (user names))
EXPECTED = {
    "submit": ("author", "clerk", False, {"vanthu"}),
    "return": ("clerk", "leader", True, {"tacgia"}),
    "forward": ("clerk", "author", False, {"thuky", "tacgia"}),
    "withdraw": ("author", "clerk", False, set()),
    "recognise": ("secretary", "member", False, {"tacgia", "vanthu"}),
    "reject": ("secretary", "member", True, {"tacgia", "vanthu"}),
    "council_return": ("secretary", "member", True, {"tacgia", "vanthu"}),
    "nominate": ("secretary", "member", False, {"tacgia", "vanthu"}),
}
ROWS = sorted(TRANSITIONS)
PAGE_ROWS = [name for name in ROWS if not TRANSITIONS[name].by_council]


@pytest.fixture
def setup(movement, tree, people):
    """`setup(state)`: a complete dossier of the school's author in `state` (appraised by the
    commune's council when past submitted), and the commune's council of the round, whose
    secretary is the secretary and whose member is the officer."""
    council = Council.objects.create(
        round=movement.rounds.first(), unit=tree["commune"], name="Hội đồng xã Tân Hòa"
    )
    CouncilMember.objects.create(
        council=council, user=people["secretary"], role=CouncilMember.Role.SECRETARY
    )
    CouncilMember.objects.create(
        council=council, user=people["officer"], role=CouncilMember.Role.MEMBER
    )
    people["member"] = people["officer"]

    def make(state: str) -> tuple[Initiative, Council]:
        initiative = services.initiative_create(
            by=people["author"],
            data=complete_dossier(movement, tree["school"]),
            authors=ONE_AUTHOR,
        )
        appraised = state not in {State.DRAFT, State.SUBMITTED, State.WITHDRAWN}
        Initiative.objects.filter(pk=initiative.pk).update(
            state=state, appraisal_unit=tree["commune"] if appraised else None
        )
        forget_seats(*people.values())
        Notification.objects.all().delete()
        return Initiative.objects.get(pk=initiative.pk), council

    return make


def _take(name: str, initiative, council, by, reason: str = ""):
    row = TRANSITIONS[name]
    if name == "nominate":
        Council.objects.filter(pk=council.pk).update(sealed_at=timezone.now())
        council.refresh_from_db()
        return services.transition_run(
            initiative=initiative,
            name=name,
            by=by,
            reason=reason,
            on=council,
            appraisal_unit=council.unit.parent,
        )
    return services.transition_run(
        initiative=initiative,
        name=name,
        by=by,
        reason=reason,
        on=council if row.by_council else None,
    )


def test_every_row_of_the_table_has_its_test():
    assert set(EXPECTED) == set(TRANSITIONS)


@pytest.mark.parametrize(
    ("name", "state"), [(n, s) for n in ROWS for s in sorted(TRANSITIONS[n].sources)]
)
def test_transition_from_each_of_its_states(name, state, setup, people, tree):
    actor, _other, _needs_reason, told = EXPECTED[name]
    row = TRANSITIONS[name]
    initiative, council = setup(state)

    _take(name, initiative, council, people[actor], reason="Lý do\nthứ hai")

    stored = Initiative.objects.get(pk=initiative.pk)
    event = AuditEvent.objects.order_by("-id").first()
    assert stored.state == row.target
    assert (event.action, event.from_state, event.to_state, event.reason, event.actor) == (
        row.action,
        state,
        row.target,
        "Lý do\nthứ hai",
        people[actor],
    )
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == told
    if name == "forward":
        assert stored.appraisal_unit == tree["commune"]
    if name == "nominate":
        assert stored.appraisal_unit == tree["district"]


@pytest.mark.parametrize(
    ("name", "state"),
    [(n, s) for n in ROWS for s in sorted(State.values) if s not in TRANSITIONS[n].sources],
)
def test_transition_refused_from_other_states(name, state, setup, people):
    actor = EXPECTED[name][0]
    initiative, council = setup(state)
    events = AuditEvent.objects.count()

    with pytest.raises((PermissionDenied, ValidationError)):
        _take(name, initiative, council, people[actor], reason="Lý do")

    assert Initiative.objects.get(pk=initiative.pk).state == state
    assert AuditEvent.objects.count() == events
    assert not Notification.objects.exists()


@pytest.mark.parametrize("name", ROWS)
def test_transition_refused_to_whoever_the_table_does_not_name(name, setup, people):
    _actor, other, _needs_reason, _told = EXPECTED[name]
    state = sorted(TRANSITIONS[name].sources)[0]
    initiative, council = setup(state)

    with pytest.raises(PermissionDenied):
        _take(name, initiative, council, people[other], reason="Lý do")

    assert Initiative.objects.get(pk=initiative.pk).state == state


@pytest.mark.parametrize("name", ROWS)
def test_transition_reason_required_or_optional(name, setup, people):
    actor, _other, needs_reason, _told = EXPECTED[name]
    row = TRANSITIONS[name]
    state = sorted(row.sources)[0]
    initiative, council = setup(state)

    if needs_reason:
        with pytest.raises(ValidationError) as refused:
            _take(name, initiative, council, people[actor], reason="  ")
        assert refused.value.message_dict == {"reason": [str(row.reason_required)]}
        assert Initiative.objects.get(pk=initiative.pk).state == state
    else:
        _take(name, initiative, council, people[actor])
        assert Initiative.objects.get(pk=initiative.pk).state == row.target


@pytest.mark.parametrize("name", ROWS)
def test_transition_refuses_control_characters_in_the_reason(name, setup, people):
    actor = EXPECTED[name][0]
    state = sorted(TRANSITIONS[name].sources)[0]
    initiative, council = setup(state)

    with pytest.raises(ValidationError) as refused:
        _take(name, initiative, council, people[actor], reason="Lý do\x07")

    assert list(refused.value.message_dict) == ["reason"]
    assert Initiative.objects.get(pk=initiative.pk).state == state


# --- the pages and the API refuse exactly what the table refuses ---------------------------


def _allowed(name: str, state: str, who: str) -> bool:
    return state in TRANSITIONS[name].sources and who == EXPECTED[name][0]


@pytest.mark.parametrize("who", ["author", "clerk", "leader"])
@pytest.mark.parametrize("state", sorted(State.values))
@pytest.mark.parametrize("name", PAGE_ROWS)
def test_pages_and_api_refuse_what_the_table_refuses(
    name, state, who, setup, people, client, client_for
):
    by_page, _council = setup(state)
    by_api, _council = setup(state)
    _token, raw = token_create(name="thử", by=people[who])

    page = client_for(people[who]).post(
        reverse(
            "initiatives:transition",
            kwargs={"public_id": by_page.public_id, "transition": name},
        ),
        {"reason": "Lý do"},
    )
    api = client.post(
        f"/api/dossiers/{by_api.public_id}/{name}",
        json.dumps({"reason": "Lý do"} if name in {"return", "withdraw"} else {}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )

    expected = TRANSITIONS[name].target if _allowed(name, state, who) else state
    assert Initiative.objects.get(pk=by_page.pk).state == expected
    assert Initiative.objects.get(pk=by_api.pk).state == expected
    if expected != state:
        assert (page.status_code, api.status_code) == (302, 200)
    elif not people[who].has_perm("initiatives.view_initiative", by_api):
        assert (page.status_code, api.status_code) == (404, 404)
    else:  # 409 from the API when only the state stands in the way
        conflict = who == EXPECTED[name][0]
        assert (page.status_code, api.status_code) == (403, 409 if conflict else 403)


def test_architecture_doc_lists_every_transition_of_the_table():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text()
    section = doc.split("## The states of an initiative")[1].split("\n## ")[0]
    lines = {line.split("|")[1].strip(" `"): line for line in section.splitlines() if "| `" in line}
    assert set(lines) == set(TRANSITIONS)
    for name, row in TRANSITIONS.items():
        cells = [cell.strip() for cell in lines[name].split("|")[1:-1]]
        assert cells[1] == ", ".join(sorted(row.sources)), name
        assert cells[2] == row.target, name
        assert cells[3].startswith(f"`{row.perm}`"), name
        assert cells[4] == ("yes" if row.reason_required else "no"), name
        assert cells[5] == f"`{row.action}`", name
        assert cells[6] == (", ".join(row.notify) or "nobody"), name
