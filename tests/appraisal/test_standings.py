"""The ranking's stored figures (issue 19): after every write that changes a council's sheets
or how it aggregates them, each dossier's stored figures and each member's stored sums equal
what the live computation (`selectors.Figures`) gives from the sheets, exactly; the writes
that leave the submitted sheets alone leave them alone; `manage.py standings_fill` rebuilds
them; a blind council's ranking still names no author."""

import datetime
import importlib
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from sangtao.appraisal import imports, scoring, selectors, services
from sangtao.appraisal.models import Assignment, Conflict, SeatStanding, Standing

from .conftest import member

# (chair, Lê Thị Một, Võ Văn Hai) scores given to every criterion of each initiative's sheet;
# None leaves the sheet unsubmitted. Ties on the totals; one initiative with two sheets only.
SCORES = [(18, 12, 17), (15, 15, 16), (14, None, 19)]


def _stored(council):
    return {
        row.initiative_id: (
            row.sheets,
            row.total_cents,
            row.lowest_cents,
            row.highest_cents,
            row.aggregate_cents,
            {int(c): figure for c, (_n, _sum, figure) in row.criteria.items()},
            {int(c): (n, total) for c, (n, total, _figure) in row.criteria.items()},
        )
        for row in Standing.objects.filter(council=council)
    }


def _live(council):
    """The same figures computed from the sheets now (the cache cleared)."""
    from django.core.cache import cache

    cache.clear()
    figures = selectors.Figures(council)
    figures.load_criteria()
    live = {}
    for pk, (count, total, low, high, *_rest) in figures.rows.items():
        result = figures.result(pk)
        scores = selectors.Score.objects.filter(
            assignment__council=council,
            assignment__initiative_id=pk,
            assignment__state=Assignment.State.SUBMITTED,
        )
        sums = {}
        for criterion_id, value in scores.values_list("criterion_id", "value"):
            n, cents = sums.get(criterion_id, (0, 0))
            sums[criterion_id] = (n + 1, cents + scoring.to_cents(value))
        live[pk] = (
            count,
            total,
            low,
            high,
            scoring.to_cents(result.aggregate),
            {c: scoring.to_cents(figure) for c, figure in result.by_criterion.items()},
            sums,
        )
    return live


def _seat_sums(council):
    """{member id: (sheets, sum, sum of squares)} in cents, from the submitted sheets."""
    sums = {}
    for member_id, total in Assignment.objects.filter(
        council=council, state=Assignment.State.SUBMITTED
    ).values_list("member_id", "total"):
        cents = scoring.to_cents(total)
        n, s, q = sums.get(member_id, (0, 0, 0))
        sums[member_id] = (n + 1, s + cents, q + cents * cents)
    return sums


def _assert_stored_equal_live(council):
    assert _stored(council) == _live(council)
    stored = SeatStanding.objects.filter(council=council).values_list(
        "member_id", "sheets", "total_cents", "squares_cents"
    )
    assert {pk: tuple(sums) for pk, *sums in stored} == _seat_sums(council)


def _sheets(council, forwarded, people, criteria):
    """Hand out the chair's, Lê Thị Một's and Võ Văn Hai's sheets of every initiative."""
    seats = [member(council, key) for key in ("chair", "m1", "m2")]
    return [
        [
            services.assignment_create(
                council=council, initiative=initiative, member=seat, by=people["secretary"]
            )
            for seat in seats
        ]
        for initiative in forwarded
    ]


def _scored(council, forwarded, people, criteria) -> None:
    """The council's sheets made, each that SCORES gives a value submitted with it."""
    sheets = _sheets(council, forwarded, people, criteria)
    for row, values in zip(sheets, SCORES, strict=True):
        for sheet, value in zip(row, values, strict=True):
            if value is not None:
                _submit(sheet, value, criteria)


def _submit(sheet, value, criteria, submit=True):
    services.sheet_save(
        assignment=sheet,
        by=sheet.member.user,
        scores={c.pk: (value - n, "") for n, c in enumerate(criteria)},
        submit=submit,
    )


@pytest.fixture
def criteria(movement):
    return list(movement.criteria.order_by("order"))


def test_standings_equal_the_live_figures_after_each_sheet_submitted(
    council, forwarded, people, criteria
):
    sheets = _sheets(council, forwarded, people, criteria)
    assert _stored(council) == {}
    for row, values in zip(sheets, SCORES, strict=True):
        for sheet, value in zip(row, values, strict=True):
            if value is not None:
                _submit(sheet, value, criteria)
                _assert_stored_equal_live(council)
    first = forwarded[0].pk
    # 18 + 17, 12 + 11, 17 + 16 on the two criteria: totals 35, 23, 33; their mean 30.33.
    assert _stored(council)[first][:5] == (3, 9100, 2300, 3500, 3033)
    assert _stored(council)[first][6] == {criteria[0].pk: (3, 4700), criteria[1].pk: (3, 4400)}
    assert Standing.objects.filter(council=council).count() == 3


def test_a_draft_saved_leaves_the_standings_as_they_are(council, forwarded, people, criteria):
    sheets = _sheets(council, forwarded, people, criteria)
    _submit(sheets[0][0], 18, criteria)
    before = _stored(council)
    _submit(sheets[0][1], 12, criteria, submit=False)
    assert _stored(council) == before
    _assert_stored_equal_live(council)


@pytest.mark.parametrize("method", ["median", "trimmed_mean", "mean"])
def test_standings_follow_the_council_aggregate_changed(
    council, forwarded, people, criteria, method
):
    _scored(council, forwarded, people, criteria)
    services.council_update(council=council, by=people["secretary"], data={"aggregate": method})
    _assert_stored_equal_live(council)
    expected = {"median": 3300, "trimmed_mean": 3300, "mean": 3033}[method]
    assert _stored(council)[forwarded[0].pk][4] == expected


def test_a_conflict_declared_and_a_sheet_withdrawn_leave_the_standings_equal_to_the_sheets(
    council, forwarded, people, criteria
):
    sheets = _sheets(council, forwarded, people, criteria)
    _submit(sheets[0][0], 18, criteria)
    _submit(sheets[1][1], 15, criteria)
    before = _stored(council)
    services.conflict_declare(
        initiative=forwarded[0],
        user=council.people["m1"],
        by=people["secretary"],
        reason="Người thân của tác giả",
        source=Conflict.Source.SECRETARY,
    )
    services.assignment_remove(assignment=sheets[1][2], by=people["secretary"])
    assert not Assignment.objects.filter(pk__in=[sheets[0][1].pk, sheets[1][2].pk]).exists()
    assert _stored(council) == before
    _assert_stored_equal_live(council)


def test_sheets_imported_from_paper_update_the_standings(council, forwarded, people, criteria):
    sheets = _sheets(council, forwarded, people, criteria)
    _submit(sheets[0][0], 18, criteria)
    seats = imports.scoring_seats(council=council)
    labels = imports.member_labels(seats)
    m1 = member(council, "m1")
    rows = [
        {
            "line": 6 + n,
            "code": str(initiative.pk),
            "scores": {
                imports.column_label(c, labels[m1.pk]): 10 + n + k for k, c in enumerate(criteria)
            },
        }
        for n, initiative in enumerate(forwarded)
    ]
    result = imports.sheets_import(council=council, by=people["secretary"], rows=rows)
    assert result.imported == 3
    _assert_stored_equal_live(council)
    assert _stored(council)[forwarded[0].pk][:5] == (2, 3500 + 2100, 2100, 3500, 2800)


def test_standings_fill_rebuilds_the_stored_figures(council, forwarded, people, criteria):
    _scored(council, forwarded, people, criteria)
    expected = _stored(council)
    Standing.objects.all().delete()
    SeatStanding.objects.all().delete()
    out = StringIO()
    call_command("standings_fill", stdout=out)
    assert out.getvalue().startswith("Đã tính lại số liệu của 1 hội đồng (3 hồ sơ có phiếu đã nộp)")
    assert _stored(council) == expected
    _assert_stored_equal_live(council)


def test_ranking_page_gives_the_live_order_and_figures_from_the_stored_ones(
    council, forwarded, people, criteria
):
    _scored(council, forwarded, people, criteria)
    services.council_update(
        council=council,
        by=people["secretary"],
        data={"scoring_deadline": datetime.date(2018, 1, 1)},  # scoring is over: all may read
    )
    present = selectors.ranking_order(council=council)
    page = selectors.ranking_page(council=council, number=1, viewer=people["secretary"])
    assert [row.initiative.pk for row in page.object_list] == [pk for pk, _r in present]
    assert [row.result.aggregate for row in page.object_list] == [
        Decimal("32.00"),
        Decimal("30.33"),
        Decimal("29.67"),
    ]
    assert [row.result.normalised for row in page.object_list] == [
        result.normalised for _pk, result in present
    ]


def test_blind_council_ranking_names_no_author_or_unit_to_a_member(
    council, forwarded, people, criteria, client_for
):
    _scored(council, forwarded, people, criteria)
    services.council_update(
        council=council,
        by=people["secretary"],
        data={"blind": True, "scoring_deadline": datetime.date(2018, 1, 1)},
    )
    page = client_for(council.people["chair"]).get(reverse("appraisal:ranking", args=[council.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert [row.rank for row in page.context["page"].object_list] == [1, 2, 3]
    assert "Sáng kiến 1" in text
    assert "Trường THCS Tân Hòa" not in text
    assert "Trần Thị Hoa" not in text


def test_migration_fills_the_standings_of_councils_scored_before_it(
    council, forwarded, people, criteria
):
    _scored(council, forwarded, people, criteria)
    expected = _stored(council)
    Standing.objects.all().delete()
    SeatStanding.objects.all().delete()
    migration = importlib.import_module("sangtao.appraisal.migrations.0002_dossier_standing")
    migration.fill_standings(apps, None)
    assert _stored(council) == expected
    _assert_stored_equal_live(council)
