"""Initiatives in each state and personal tokens, made through the real services."""

import pytest

from sangtao.api.services import token_create
from sangtao.appraisal.models import Council, CouncilMember, Recognition
from sangtao.appraisal.rules import forget_seats
from sangtao.initiatives import services
from sangtao.initiatives.search import search_catch_up
from sangtao.initiatives.states import State
from sangtao.orgs.selectors import council_unit_for

from ..factories import ONE_AUTHOR, complete_dossier


@pytest.fixture
def make_initiative(movement, tree, people, django_capture_on_commit_callbacks):
    """`make_initiative(state, **fields)`: a dossier of the school's author, moved to `state`
    by the services (submit, forward by the clerk, the council's recognise and recognition)."""

    def make(state: str = State.RECOGNISED, *, author=None, unit=None, **fields):
        author = author or people["author"]
        data = complete_dossier(movement, unit or tree["school"]) | fields
        initiative = services.initiative_create(by=author, data=data, authors=ONE_AUTHOR)
        search_catch_up()  # its index entry, written once the filing commits
        if state == State.DRAFT:
            return initiative
        services.initiative_submit(initiative=initiative, by=author)
        if state == State.SUBMITTED:
            return initiative
        clerk = people["clerk"] if (unit or tree["school"]) != tree["other_school"] else None
        clerk = clerk or people["other_clerk"]
        # Dossiers are forwarded to an open council: the nearest committee's, set up first.
        Council.objects.get_or_create(
            round=movement.rounds.first(),
            unit=council_unit_for(unit=initiative.unit),
            defaults={"name": "Hội đồng thẩm định"},
        )
        services.initiative_forward(initiative=initiative, by=clerk)
        if state == State.IN_APPRAISAL:
            return initiative
        # The council's recognition, by its secretary, and the recognition its seal writes
        # (which makes it public).
        council, _new = Council.objects.get_or_create(
            round=movement.rounds.first(),
            unit=initiative.appraisal_unit,
            defaults={"name": f"Hội đồng {initiative.appraisal_unit.name}"},
        )
        CouncilMember.objects.get_or_create(
            council=council, user=people["secretary"], role=CouncilMember.Role.SECRETARY
        )
        forget_seats(people["secretary"])
        services.transition_run(
            initiative=initiative, name="recognise", by=people["secretary"], on=council
        )
        Recognition.objects.create(
            initiative=initiative,
            council=council,
            unit=initiative.appraisal_unit,
            grade=movement.grades.first(),
        )
        assert initiative.state == state
        return initiative

    return make


@pytest.fixture
def bearer():
    """`bearer(user)`: the Authorization header of a fresh token of `user`."""

    def make(user) -> dict:
        _token, raw = token_create(name="thử nghiệm", by=user)
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    return make
