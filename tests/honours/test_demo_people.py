"""The demo's people are consistent (issue 14's quality line): no council member scores,
decides or is honoured for their own initiative, also where an author is only named (not
linked to an account), and no committee honours itself nor its signer; the 2019 council
votes without the member who stands aside, and the province proposes its authors to the
central level with reasons (tests/core/test_demo_data.py checks the linked accounts)."""

import io

import pytest
from django.core.management import call_command

from sangtao.appraisal.models import Assignment, CouncilMember, Decision
from sangtao.honours.models import Honour
from sangtao.initiatives.models import Initiative, InitiativeAuthor

pytestmark = pytest.mark.django_db


def _authors() -> set[tuple[int, int]]:
    """{(initiative id, user id)}: the filer and every author linked to an account."""
    linked = InitiativeAuthor.objects.filter(user__isnull=False)
    return set(linked.values_list("initiative_id", "user_id")) | set(
        Initiative.objects.values_list("pk", "created_by_id")
    )


def _author_names() -> set[tuple[int, str]]:
    return set(InitiativeAuthor.objects.values_list("initiative_id", "full_name"))


def test_demo_people_never_judge_or_honour_their_own():
    call_command("demo_data", stdout=io.StringIO())
    authors, names = _authors(), _author_names()
    sheets = Assignment.objects.values_list(
        "initiative_id", "member__user_id", "member__user__full_name"
    )
    assert [s for s in sheets if (s[0], s[1]) in authors or (s[0], s[2]) in names] == []
    assert Assignment.objects.count() > 0
    decisions = Decision.objects.values_list(
        "initiative_id", "decided_by_id", "decided_by__full_name"
    )
    assert [d for d in decisions if (d[0], d[1]) in authors or (d[0], d[2]) in names] == []
    assert Decision.objects.count() > 0
    # Whoever sat on a council that decided an initiative is not honoured for it.
    seated = {
        (initiative_id, name)
        for council_id, name in CouncilMember.objects.values_list("council_id", "user__full_name")
        for initiative_id in Decision.objects.filter(council_id=council_id).values_list(
            "initiative_id", flat=True
        )
    }
    honours = list(Honour.objects.select_related("round"))
    assert honours
    assert [h.name for h in honours if (h.initiative_id, h.name) in seated] == []
    # No committee honours itself, nor does who signs the decision honour themselves.
    assert [h.name for h in honours if h.unit_id == h.round.unit_id] == []
    assert [h.name for h in honours if h.name == h.round.signer_name] == []
    # Votes: recorded on every 2019 decision, never more than who may vote.
    voted = Decision.objects.filter(council__round__year=2019).values_list(
        "votes_for", "votes_against", "votes_abstain"
    )
    assert sorted(voted) == [(0, 3, 0), (4, 0, 0)]
    sent = Honour.objects.filter(proposed_to__level__code="central")
    assert sorted(sent.values_list("name", "form")) == [
        ("Dương Thị Bích Ngọc", "merit"),
        ("Phan Văn Khải", "merit"),
    ]
    assert all(h.reason for h in sent)
