"""A co-author linked to their author row counts as conflicted, as the filer does."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sangtao.appraisal import selectors, services
from sangtao.appraisal.models import Assignment
from sangtao.initiatives import services as initiative_services

from ..factories import complete_dossier
from .conftest import member

AUTHORS = [
    {"full_name": "Trần Thị Hoa", "share": Decimal("70")},
    {"full_name": "Võ Văn Hai", "share": Decimal("30")},
]


@pytest.fixture
def coauthored(movement, tree, people, council):
    """A school dossier in the commune council's queue naming the member Võ Văn Hai (m2) as
    co-author, his row not linked yet."""
    data = complete_dossier(movement, tree["school"]) | {"title": "Sổ điểm điện tử"}
    initiative = initiative_services.initiative_create(
        by=people["author"], data=data, authors=AUTHORS
    )
    initiative_services.initiative_submit(initiative=initiative, by=people["author"])
    initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
    return initiative


def _link(initiative, user, people):
    row = initiative.authors.get(full_name="Võ Văn Hai")
    claim = initiative_services.author_claim_create(author=row, by=user)
    initiative_services.author_claim_decide(claim=claim, accept=True, by=people["author"])


def test_linked_coauthor_is_conflicted_in_the_council(coauthored, council, people):
    hai = council.people["m2"]
    assert not selectors.is_conflicted(user=hai, council=council, initiative=coauthored)
    _link(coauthored, hai, people)
    assert selectors.is_conflicted(user=hai, council=council, initiative=coauthored)
    facts = selectors.sheet_facts(user=hai, council=council, initiative_ids=[coauthored.pk])
    assert facts.conflicted == {coauthored.pk}


def test_linked_coauthor_cannot_be_asked_to_score(coauthored, council, people):
    _link(coauthored, council.people["m2"], people)
    with pytest.raises(ValidationError):
        services.assignment_create(
            council=council,
            initiative=coauthored,
            member=member(council, "m2"),
            by=council.people["chair"],
        )
    assert not Assignment.objects.exists()


def test_linked_coauthor_is_skipped_by_the_automatic_assignment(coauthored, council, people):
    _link(coauthored, council.people["m2"], people)
    services.assignments_auto(council=council, by=council.people["chair"])
    assigned = set(
        Assignment.objects.filter(initiative=coauthored).values_list(
            "member__user__username", flat=True
        )
    )
    assert assigned and "uyvien2" not in assigned
