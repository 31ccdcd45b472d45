"""The inbox reads the threads of both sides without an OR across two joins: one IN over the
UNION of two indexed selections for a narrow scope, two lists of unit ids along the newest-first
index for a wide one. Either way the same threads as the OR, for every person, a school moved
to another district since it wrote included."""

import pytest
from django.db.models import Q

from sangtao.accounts.models import Role
from sangtao.accounts.scope import STAFF_ROLES, scope_q
from sangtao.feedback import selectors, services
from sangtao.feedback.models import Thread
from sangtao.orgs.models import OrgUnit

from ..factories import make_user


def _or_of_both_sides(user):
    """What the inbox read before: an OR of the two sides."""
    both = scope_q(user, STAFF_ROLES, "receiver") | scope_q(user, STAFF_ROLES, "unit")
    return set(Thread.objects.filter(both).values_list("pk", flat=True))


@pytest.fixture
def threads(units, staff, tree):
    sent = {
        "women": services.thread_open(
            by=staff["women_clerk"], unit=units["women"], subject="Kinh phí", text="Xin ý kiến."
        ),
        "school": services.thread_open(
            by=staff["school_clerk"], unit=units["school"], subject="Hồ sơ", text="Hỏi hồ sơ."
        ),
    }
    # The school's thread went to the commune's committee; the school now belongs to Gò Dầu.
    school = units["school"]
    other = tree["other_district"]
    OrgUnit.objects.filter(pk=school.pk).update(
        parent=other, path=f"{other.path}{school.pk}/", depth=other.depth + 1
    )
    return sent


@pytest.mark.parametrize("wide_depth", [0, 2, 99], ids=["all narrow", "as set", "all wide"])
@pytest.mark.parametrize(
    "who",
    ["officer", "leader", "clerk", "women_clerk", "school_clerk", "other_clerk", "go_dau", "two"],
)
def test_the_inbox_holds_the_same_threads_as_the_or_of_both_sides(
    who, wide_depth, threads, staff, tree, monkeypatch
):
    monkeypatch.setattr(selectors, "WIDE_DEPTH", wide_depth)
    people = staff | {
        "go_dau": make_user(
            "vanthu.godau",
            unit=tree["other_district"],
            roles=((Role.OFFICER, tree["other_district"]),),
        ),
        "two": make_user(
            "hai.noi",
            unit=tree["commune"],
            roles=((Role.CLERK, tree["commune"]), (Role.LEADER, tree["other_district"])),
        ),
    }
    user = people[who]

    shown = set(selectors.threads_visible(user=user).values_list("pk", flat=True))

    assert shown == _or_of_both_sides(user)


def test_the_commune_still_sees_the_thread_of_the_school_that_moved_away(threads, staff):
    shown = set(selectors.threads_visible(user=staff["clerk"]).values_list("pk", flat=True))
    assert shown == {threads["school"].pk}  # addressed to the commune, sent from Gò Dầu now
    assert not Thread.objects.filter(
        Q(pk=threads["school"].pk), scope_q(staff["clerk"], STAFF_ROLES, "unit")
    ).exists()
