"""The ranking's fast path (issue 19: a national round of 50,000 dossiers) gives exactly what
the present computation gives: the same order and figures, the same rows withheld from each
person, and statements that do not grow with the dossiers."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangtao.appraisal import selectors, services
from sangtao.appraisal.models import Assignment, Conflict
from sangtao.appraisal.rules import SheetsOf, sheets_withheld_in_queue
from sangtao.initiatives import services as initiative_services

from ..factories import ONE_AUTHOR, complete_dossier

# Each initiative's sheets as (chair, Lê Thị Một, Võ Văn Hai) scores of every criterion; None
# leaves that sheet a draft. Ties on the totals, on the first criterion, and no sheet at all.
SHEETS = [
    (18, 16, 17),
    (17, 17, 17),  # the same total as the next one, and its first criterion
    (17, 17, 17),
    (12, None, 19),  # a draft: two sheets count
    (None, None, None),  # nothing submitted: last
    (15, 15, 15),
    (19, 11, 14),
]


@pytest.fixture
def criteria(movement):
    return list(movement.criteria.order_by("order"))


def _forward(count, movement, tree, people, start=0):
    made = []
    for index in range(start, start + count):
        data = complete_dossier(movement, tree["school"]) | {"title": f"Sáng kiến {index}"}
        initiative = initiative_services.initiative_create(
            by=people["author"], data=data, authors=ONE_AUTHOR
        )
        initiative_services.initiative_submit(initiative=initiative, by=people["author"])
        initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
        made.append(initiative)
    return made


@pytest.fixture
def round_with_ties(council, movement, tree, people, criteria):
    """Seven initiatives scored by the chair and two members (SHEETS), the teacher conflicted
    by the tree, the expert by a declaration, one decision."""
    made = _forward(len(SHEETS), movement, tree, people)
    seats = {key: council.members.get(user=council.people[key]) for key in ("chair", "m1", "m2")}
    for initiative, values in zip(made, SHEETS, strict=True):
        for key, value in zip(("chair", "m1", "m2"), values, strict=True):
            sheet = services.assignment_create(
                council=council, member=seats[key], initiative=initiative, by=people["secretary"]
            )
            if value is not None:
                services.sheet_save(
                    assignment=sheet,
                    by=sheet.member.user,
                    scores={
                        c.pk: (value if n == 0 else 20 - value % 3, "")
                        for n, c in enumerate(criteria)
                    },
                    submit=True,
                )
    services.conflict_declare(
        initiative=made[0],
        user=council.people["expert"],
        by=people["secretary"],
        reason="Người thân của tác giả",
        source=Conflict.Source.SECRETARY,
    )
    services.decision_record(
        council=council,
        initiative=made[1],
        outcome="not_recognised",
        reason="Chưa đạt",
        by=council.people["chair"],
    )
    return made


def _pages(council, viewer):
    rows, number = [], 1
    while True:
        page = selectors.ranking_page(council=council, number=number, per_page=3, viewer=viewer)
        rows += page.object_list
        if not page.has_next():
            return rows
        number += 1


def _figures(result):
    return (
        result.count,
        result.aggregate,
        result.mean,
        result.spread,
        result.normalised,
        result.first_criterion_mean,
        result.proposed_grade,
        [c.pk for c in result.failing],
    )


@pytest.mark.parametrize("whole_table", [False, True])
@pytest.mark.parametrize("blind", [False, True])
def test_ranking_pages_equal_the_present_computation_with_ties(
    round_with_ties, council, people, monkeypatch, whole_table, blind
):
    if whole_table:  # the path of a national round's 50,000 rows, on seven
        monkeypatch.setattr(selectors, "WHOLE_TABLE", 0)
    council.blind = blind
    council.scoring_deadline = datetime.date(2018, 1, 1)  # scoring is over: all may read
    council.save()
    present = selectors.ranking_order(council=council)
    rows = _pages(council, people["secretary"])
    assert [row.initiative.pk for row in rows] == [pk for pk, _result in present]
    assert [row.rank for row in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert [_figures(row.result) for row in rows] == [_figures(r) for _pk, r in present]
    titles = [row.initiative.title for row in rows]
    # Four at 35.00: three at a normalised 35.01, of which two with 17.00 on the first
    # criterion (the earlier submission first), then 15.00; then 34.86. No sheet at all: last.
    assert [(row.result.aggregate, row.result.first_criterion_mean) for row in rows][:6] == [
        (Decimal("36.00"), Decimal("17.00")),
        (Decimal("35.00"), Decimal("17.00")),
        (Decimal("35.00"), Decimal("17.00")),
        (Decimal("35.00"), Decimal("15.00")),
        (Decimal("35.00"), Decimal("15.50")),
        (Decimal("33.00"), Decimal("14.67")),
    ]
    assert titles == [
        "Sáng kiến 0",
        "Sáng kiến 1",
        "Sáng kiến 2",
        "Sáng kiến 5",
        "Sáng kiến 3",
        "Sáng kiến 6",
        "Sáng kiến 4",
    ]


@pytest.mark.parametrize("whole_table", [False, True])
@pytest.mark.parametrize("reveal", [False, True])
@pytest.mark.parametrize("deadline_passed", [False, True])
def test_rows_seen_equal_the_permission_asked_per_row(
    round_with_ties, council, people, monkeypatch, whole_table, reveal, deadline_passed
):
    if whole_table:
        monkeypatch.setattr(selectors, "WHOLE_TABLE", 0)
    council.reveal_after_submit = reveal
    council.scoring_deadline = datetime.date(2018, 1, 1) if deadline_passed else None
    council.save()
    # Lê Thị Một's own sheet of Sáng kiến 3 is a draft: it comes first where the council hides.
    ids = [pk for pk, _result in selectors.ranking_order(council=council)]
    viewers = [people[key] for key in ("secretary", "officer", "leader", "outsider", "author")]
    viewers += list(council.people.values())
    for viewer in viewers:
        per_row = {
            pk for pk in ids if viewer.has_perm("appraisal.view_sheets", SheetsOf(council, pk))
        }
        seen = selectors.visible_sheets(user=viewer, council=council, initiative_ids=ids)
        assert (viewer.username, seen) == (viewer.username, per_row)
        # The ranking's form, which reads the queue only when someone is withheld something.
        withheld = sheets_withheld_in_queue(
            viewer,
            council,
            lambda: selectors.council_queue_ids(council=council),
            lambda v=viewer: selectors.sheet_facts(user=v, council=council, initiative_ids=None),
        )
        assert (viewer.username, set(ids) - withheld) == (viewer.username, per_row)


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 5, 50])
def test_every_cut_of_the_ranking_equals_the_present_order(
    round_with_ties, council, people, per_page
):
    """Pages of any size, past the end and not a number: the ranking read in the database
    (a page's figures cut from the stored rows, the ties around them, the rows without a
    figure after them) against the present computation."""
    council.scoring_deadline = datetime.date(2018, 1, 1)
    council.save()
    present = [pk for pk, _result in selectors.ranking_order(council=council)]
    pages = -(-len(present) // per_page)
    rows = []
    for number in range(1, pages + 1):
        page = selectors.ranking_page(
            council=council, number=number, per_page=per_page, viewer=people["secretary"]
        )
        assert page.paginator.count == len(present)
        rows += [(row.rank, row.initiative.pk) for row in page.object_list]
    assert rows == list(enumerate(present, start=1))
    for number in (pages + 1, "x"):  # the last page, the first page, as Django's get_page
        page = selectors.ranking_page(council=council, number=number, per_page=per_page)
        wanted = present[(pages - 1) * per_page :] if number != "x" else present[:per_page]
        assert [row.initiative.pk for row in page.object_list] == wanted


@pytest.fixture
def round_with_tail(round_with_ties, council, movement, tree, people):
    """`round_with_ties`, then four dossiers without a submitted sheet: three without any and
    one whose only sheet is a draft. With "Sáng kiến 4" they are the ranking's tail, five
    rows in order of submission that a page cut in the database reads after the figures."""
    made = _forward(4, movement, tree, people, start=len(SHEETS))
    seat = council.members.get(user=council.people["m1"])
    services.assignment_create(
        council=council, member=seat, initiative=made[-1], by=people["secretary"]
    )
    return round_with_ties + made


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 5, 6, 8, 50])
def test_every_cut_of_a_ranking_with_a_tail_equals_the_present_order(
    round_with_tail, council, people, per_page
):
    """The rows without a figure after the last one with a figure: a page that holds both
    (the lowest figures and the first of the tail), a page inside the tail, the tail split
    across pages, past the end."""
    council.scoring_deadline = datetime.date(2018, 1, 1)
    council.save()
    present = [pk for pk, _result in selectors.ranking_order(council=council)]
    tail = [round_with_tail[n].pk for n in (4, 7, 8, 9, 10)]
    assert present[-5:] == tail  # without a figure: last, in order of submission
    pages = -(-len(present) // per_page)
    rows = []
    for number in range(1, pages + 1):
        page = selectors.ranking_page(
            council=council, number=number, per_page=per_page, viewer=people["secretary"]
        )
        assert (page.paginator.count, page.withheld) == (len(present), 0)
        rows += [(row.rank, row.initiative.pk, row.result.count) for row in page.object_list]
    assert [(rank, pk) for rank, pk, _count in rows] == list(enumerate(present, start=1))
    assert [count for _rank, pk, count in rows if pk in tail] == [0, 0, 0, 0, 0]
    page = selectors.ranking_page(council=council, number=pages + 1, per_page=per_page)
    assert [row.initiative.pk for row in page.object_list] == present[(pages - 1) * per_page :]


@pytest.mark.parametrize("reveal", [False, True])
@pytest.mark.parametrize("deadline_passed", [False, True])
def test_the_rows_each_viewer_sees_on_a_ranking_with_a_tail(
    round_with_tail, council, people, reveal, deadline_passed
):
    """Every viewer reads the figures the permission gives them per row, and no others: one
    withheld anything reads the queue in order of submission without ranks; one withheld
    nothing reads the ranking, its tail cut in the database, with the present figures."""
    council.reveal_after_submit = reveal
    council.scoring_deadline = datetime.date(2018, 1, 1) if deadline_passed else None
    council.save()
    present = selectors.ranking_order(council=council)
    ranked = [pk for pk, _result in present]
    figures = {pk: _figures(result) for pk, result in present}
    queue = selectors.council_queue_ids(council=council)
    viewers = [people[key] for key in ("secretary", "officer", "leader", "outsider", "author")]
    viewers += list(council.people.values())
    nothing_withheld = set()
    for viewer in viewers:
        allowed = {
            pk for pk in queue if viewer.has_perm("appraisal.view_sheets", SheetsOf(council, pk))
        }
        rows = _pages(council, viewer)
        withheld = {row.initiative.pk for row in rows if row.withheld}
        assert (viewer.username, withheld) == (viewer.username, set(queue) - allowed)
        order = ranked if not withheld else queue
        ranks = list(range(1, len(queue) + 1)) if not withheld else [None] * len(queue)
        assert [row.initiative.pk for row in rows] == order
        assert [row.rank for row in rows] == ranks
        for row in rows:
            pk = row.initiative.pk
            shown = _figures(row.result)
            assert (viewer.username, pk, shown) == (
                viewer.username,
                pk,
                _figures(selectors.Result(pk)) if pk in withheld else figures[pk],
            )
        if not withheld:
            nothing_withheld.add(viewer.username)
    # The ranking cut in the database is read: after the deadline by the secretary, and by
    # the chair unless their own draft is withheld from them until submitted.
    if deadline_passed:
        assert {"thuky"} | ({"chutich"} if not reveal else set()) <= nothing_withheld


@pytest.mark.parametrize("blind", [False, True])
def test_a_blind_councils_chair_reads_the_ranking_with_its_tail_without_the_units(
    round_with_tail, council, people, client_for, blind
):
    council.blind = blind
    council.reveal_after_submit = False  # the chair's own draft is not withheld from them
    council.scoring_deadline = datetime.date(2018, 1, 1)
    council.save()
    chair = council.people["chair"]
    response = client_for(chair).get(reverse("appraisal:ranking", args=[council.pk]))
    assert response.status_code == 200
    rows = response.context["page"].object_list
    assert [row.rank for row in rows] == list(range(1, 12))
    assert [row.initiative.title for row in rows][-5:] == [
        f"Sáng kiến {n}" for n in (4, 7, 8, 9, 10)
    ]
    school = round_with_tail[0].unit.name
    assert (school in response.content.decode()) is not blind


def test_a_dossier_gone_from_the_queue_leaves_the_ranking(round_with_ties, council, people):
    """A dossier whose figures are stored but which left the queue (here: sent to another
    unit) is neither ranked nor counted."""
    council.scoring_deadline = datetime.date(2018, 1, 1)
    council.save()
    gone = round_with_ties[2]  # tied with the second one at 35.00
    type(gone).objects.filter(pk=gone.pk).update(appraisal_unit=None)
    present = [pk for pk, _result in selectors.ranking_order(council=council)]
    assert gone.pk not in present
    rows = _pages(council, people["secretary"])
    assert [row.initiative.pk for row in rows] == present
    assert [row.rank for row in rows] == list(range(1, len(present) + 1))


@pytest.mark.parametrize("whole_table", [False, True])
def test_conflicts_read_for_a_table_hold_the_tree_and_the_declarations(
    round_with_ties, council, monkeypatch, whole_table
):
    if whole_table:
        monkeypatch.setattr(selectors, "WHOLE_TABLE", 0)
    ids = [initiative.pk for initiative in round_with_ties]

    def conflicted(key):
        user = council.people[key]
        return selectors.sheet_facts(user=user, council=council, initiative_ids=ids).conflicted

    assert conflicted("teacher") == set(ids)  # a teacher of the school that filed them all
    assert conflicted("expert") == {round_with_ties[0].pk}  # declared on the first one
    assert conflicted("m2") == set()  # of the district: the council's commune is below it


def _grow(council, movement, tree, people, criteria, count, start):
    _forward(count, movement, tree, people, start)
    services.assignments_auto(council=council, by=people["secretary"])
    for sheet in Assignment.objects.filter(council=council, state="draft").select_related(
        "member__user"
    ):
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (10 + sheet.pk % 7, "") for c in criteria},
            submit=sheet.pk % 4 != 0,  # some sheets stay drafts
        )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("whole_table", [False, True])
def test_council_pages_statements_do_not_grow_from_5_to_40_dossiers(
    council, movement, tree, people, criteria, client_for, monkeypatch, whole_table
):
    if whole_table:
        monkeypatch.setattr(selectors, "WHOLE_TABLE", 0)
    pages = [
        (people["secretary"], reverse("appraisal:council", args=[council.pk])),
        (people["secretary"], reverse("appraisal:ranking", args=[council.pk])),
        (council.people["chair"], reverse("appraisal:ranking", args=[council.pk])),
        (council.people["m1"], reverse("appraisal:tasks")),
    ]
    _grow(council, movement, tree, people, criteria, 5, 0)
    few = [_count(client_for(user), url) for user, url in pages]
    _grow(council, movement, tree, people, criteria, 35, 5)
    assert selectors.council_queue(council=council).count() == 40
    many = [_count(client_for(user), url) for user, url in pages]
    assert few == many
