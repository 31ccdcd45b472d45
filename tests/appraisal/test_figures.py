"""The council's figures read by the database (selectors.Figures) are the pure rules of
`scoring` applied to the sheets: the same aggregate, mean, spread, normalised value and rank."""

import random
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sangtao.appraisal import scoring, selectors, services
from sangtao.appraisal.models import Assignment, Score
from sangtao.initiatives import services as initiative_services

from ..factories import ONE_AUTHOR, complete_dossier

cents = st.integers(min_value=0, max_value=100_000)


@given(
    st.lists(cents, min_size=1, max_size=15), st.sampled_from(["mean", "median", "trimmed_mean"])
)
def test_aggregate_in_cents_is_the_aggregate(values, method):
    totals = [scoring.from_cents(value) for value in values]
    assert scoring.aggregate_cents(
        count=len(values),
        total=sum(values),
        lowest=min(values),
        highest=max(values),
        method=method,
        values=values,
    ) == scoring.to_cents(scoring.aggregate(totals, method))


@given(st.integers(min_value=-(10**9), max_value=10**9), st.integers(min_value=1, max_value=10**6))
def test_divide_half_up_rounds_like_decimal(numerator, denominator):
    expected = (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal(1), rounding="ROUND_HALF_UP"
    )
    assert scoring.divide_half_up(numerator, denominator) == int(expected)


@pytest.fixture
def scored(council, movement, tree, people):
    """Eight initiatives, three sheets each, with scores drawn at random (seeded)."""
    rng = random.Random(5)
    for index in range(8):
        data = complete_dossier(movement, tree["school"]) | {"title": f"Sáng kiến {index}"}
        initiative = initiative_services.initiative_create(
            by=people["author"], data=data, authors=ONE_AUTHOR
        )
        initiative_services.initiative_submit(initiative=initiative, by=people["author"])
        initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
    council.appraisers_per_initiative = 3
    council.save()
    services.assignments_auto(council=council, by=people["secretary"])
    criteria = list(movement.criteria.order_by("order"))
    for sheet in Assignment.objects.filter(council=council).select_related("member__user"):
        if rng.random() < 0.15:
            continue  # a sheet left as a draft counts for nothing
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (f"{rng.randint(0, 2000) / 100}", "") for c in criteria},
            submit=True,
        )
    return council, criteria


def _expected(council, criteria):
    """What the pure rules give from the sheets, computed in Python."""
    sheets = list(
        Assignment.objects.filter(council=council, state="submitted").values_list(
            "member_id", "initiative_id", "total"
        )
    )
    normalised = scoring.normalised(sheets)
    totals, first = {}, {}
    for _member, initiative_id, total in sheets:
        totals.setdefault(initiative_id, []).append(total)
    for initiative_id, value in Score.objects.filter(
        assignment__council=council, assignment__state="submitted", criterion=criteria[0]
    ).values_list("assignment__initiative_id", "value"):
        first.setdefault(initiative_id, []).append(value)
    return {
        pk: (
            scoring.aggregate(values, council.aggregate),
            scoring.aggregate(values, "mean"),
            scoring.spread(values),
            normalised[pk],
            scoring.quantize(sum(first[pk]) / len(first[pk])),
            len(values),
        )
        for pk, values in totals.items()
    }


@pytest.mark.parametrize("method", ["mean", "median", "trimmed_mean"])
def test_figures_equal_the_pure_rules(scored, method):
    council, criteria = scored
    council.aggregate = method
    council.save()
    expected = _expected(council, criteria)
    figures = selectors.Figures(council)
    got = {
        pk: (r.aggregate, r.mean, r.spread, r.normalised, r.first_criterion_mean, r.count)
        for pk in figures.rows
        for r in [figures.result(pk)]
    }
    assert got == expected


def test_ranking_is_the_pure_rank_of_the_figures(scored):
    council, criteria = scored
    expected = _expected(council, criteria)
    queue = list(selectors.council_queue(council=council).order_by("submitted_at", "pk"))
    rows = [
        scoring.RankRow(
            initiative.pk,
            expected.get(initiative.pk, (None,) * 6)[0],
            expected.get(initiative.pk, (None,) * 6)[3],
            expected.get(initiative.pk, (None,) * 6)[4],
            initiative.submitted_at,
            initiative.pk,
        )
        for initiative in queue
    ]
    assert [pk for pk, _result in selectors.ranking_order(council=council)] == [
        row.initiative for row in scoring.rank(rows)
    ]
    ranked = selectors.ranking(council=council)
    assert [len(result.totals) for _initiative, result in ranked] == [
        result.count for _initiative, result in ranked
    ]


def test_ties_are_broken_as_the_pure_rank_breaks_them(council, movement, tree, people):
    """Equal totals everywhere: the first criterion's mean, then the submission decide."""
    for index in range(6):
        data = complete_dossier(movement, tree["school"]) | {"title": f"Sáng kiến {index}"}
        initiative = initiative_services.initiative_create(
            by=people["author"], data=data, authors=ONE_AUTHOR
        )
        initiative_services.initiative_submit(initiative=initiative, by=people["author"])
        initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
    services.assignments_auto(council=council, by=people["secretary"])
    criteria = list(movement.criteria.order_by("order"))
    for sheet in Assignment.objects.filter(council=council).select_related("initiative"):
        if sheet.initiative.title == "Sáng kiến 5":
            continue  # no submitted sheet: last
        novelty = 10 + int(sheet.initiative.title[-1]) % 3  # 10, 11, 12, 10, 11
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={criteria[0].pk: (novelty, ""), criteria[1].pk: (30 - novelty, "")},
            submit=True,
        )
    expected = _expected(council, criteria)
    queue = selectors.council_queue(council=council).order_by("submitted_at", "pk")
    rows = [
        scoring.RankRow(
            i.pk,
            *(expected[i.pk][0], expected[i.pk][3], expected[i.pk][4])
            if i.pk in expected
            else (None, None, None),
            i.submitted_at,
            i.pk,
        )
        for i in queue
    ]
    ranked = [pk for pk, _result in selectors.ranking_order(council=council)]
    assert ranked == [row.initiative for row in scoring.rank(rows)]
    titles = dict(selectors.council_queue(council=council).values_list("pk", "title"))
    assert [titles[pk] for pk in ranked] == [
        "Sáng kiến 2",
        "Sáng kiến 1",
        "Sáng kiến 4",
        "Sáng kiến 0",
        "Sáng kiến 3",
        "Sáng kiến 5",
    ]


def test_figures_read_again_once_a_sheet_is_submitted(scored):
    """The summary rows are cached for the same submitted sheets, never longer."""
    council, criteria = scored
    draft = Assignment.objects.filter(council=council, state="draft").first()
    before = selectors.Figures(council).result(draft.initiative_id).count
    assert selectors.Figures(council).result(draft.initiative_id).count == before
    services.sheet_save(
        assignment=draft,
        by=draft.member.user,
        scores={c.pk: (10, "") for c in criteria},
        submit=True,
    )
    assert selectors.Figures(council).result(draft.initiative_id).count == before + 1
