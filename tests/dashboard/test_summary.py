"""The summary of counts for wide subtrees (the country, a province): after a refresh the
dashboard reads it and shows the same figures as counted live, says when they were computed,
and runs the same statements whatever the number of initiatives."""

import dataclasses
import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sangtao.appraisal.models import Recognition
from sangtao.dashboard import selectors
from sangtao.dashboard.models import NewestRecognition, SummaryCount, SummaryRun, UnitCount
from sangtao.dashboard.services import summary_refresh

from .conftest import at, file


def refresh():
    return summary_refresh(merger=selectors.merger_instant())


def comparable(figures):
    values = dataclasses.asdict(figures)
    values.pop("computed_at")
    values.pop("summarised_at")
    return values


@pytest.fixture
def withdrawn(known, tree):
    """A fourth school initiative recognised by the district, then the recognition withdrawn."""
    initiative = file(
        unit=tree["school"],
        round=known["round_2018"],
        field=known["submitted"].field,
        by=known["submitted"].created_by,
        title="Sân chơi tái chế",
        state="not_recognised",
        submitted=at(2018, 3, 5),
        saving=7_000_000,
        appraisal_unit=tree["district"],
    )
    Recognition.objects.create(
        initiative=initiative,
        council=known["councils"]["district"],
        unit=tree["district"],
        grade=Recognition.objects.get(initiative=known["recognised"]).grade,
        total=30,
        recognised_at=at(2018, 11, 1),
        withdrawn_at=at(2019, 1, 10),
    )
    return initiative


@pytest.mark.parametrize("root", ["central", "province"])
@pytest.mark.parametrize("chosen", ["every year", 2018, 2025, "round 2018", "round 2025"])
def test_summarised_figures_equal_the_live_figures_after_a_refresh(
    withdrawn, known, tree, root, chosen
):
    if chosen == "every year":
        narrowed = {}
    elif isinstance(chosen, int):
        narrowed = {"year": chosen}
    else:
        narrowed = {"round": known[chosen.replace(" ", "_")]}
    filters = selectors.Filters(paths=(tree[root].path,), **narrowed)
    live = selectors.compute_figures(filters=filters)
    assert live.summarised_at is None  # no summary yet: counted live
    run = refresh()
    summarised = selectors.compute_figures(filters=filters)
    assert summarised.summarised_at == run.refreshed_at
    assert comparable(summarised) == comparable(live)


def test_summarised_figures_are_exact_for_the_province(withdrawn, known, tree):
    refresh()
    figures = selectors.compute_figures(filters=selectors.Filters(paths=(tree["province"].path,)))
    assert figures.funnel == [
        ("created", 8),
        ("submitted", 7),
        ("forwarded", 4),
        ("recognised", 2),  # the withdrawn recognition does not count
        ("nominated", 1),
    ]
    assert (figures.participants_before, figures.participants_after) == (3, 1)
    assert [(row.label, row.filed, row.recognised) for row in figures.top_units][:1] == [
        (tree["school"].name, 4, 2)
    ]
    assert figures.saving_filed == 42_000_000
    assert figures.saving_recognised == 20_000_000


def test_a_narrow_subtree_is_counted_live_after_a_refresh(known, tree):
    refresh()
    figures = selectors.compute_figures(filters=selectors.Filters(paths=(tree["district"].path,)))
    assert figures.summarised_at is None
    assert figures.submitted == 4  # the school's three and the commune's one


def test_a_refresh_twice_gives_the_same_rows(withdrawn, known):
    def rows():
        return (
            sorted(SummaryCount.objects.values_list(*FIELDS_COUNT)),
            sorted(UnitCount.objects.values_list(*FIELDS_UNIT)),
            sorted(NewestRecognition.objects.values_list("path", "scope", "recognition_id")),
        )

    refresh()
    first = rows()
    call_command("dashboard_refresh", stdout=None)
    assert rows() == first
    # Rows of the known data: 8 (part, round, field, state, level), 4 units per round and 4
    # over every round, and the province's 2 standing recognitions per round and in all.
    assert [len(rows) for rows in first] == [8, 8, 4]
    assert SummaryRun.objects.count() == 1


FIELDS_COUNT = [
    "path", "round_id", "year", "field_id", "state", "level_id", "total", "submitted",
    "forwarded", "nominated", "recognised", "saving_filed", "saving_filed_count",
    "saving_recognised", "saving_recognised_count",
]  # fmt: skip
FIELDS_UNIT = [
    "unit_id", "path", "scope", "round_id", "year", "filed", "before", "after", "recognised"
]  # fmt: skip


def test_the_page_says_when_its_summarised_figures_were_computed(
    known, dashboard_people, client_for
):
    run = refresh()
    moment = timezone.make_aware(datetime.datetime(2026, 12, 7, 9, 5))
    SummaryRun.objects.filter(pk=run.pk).update(refreshed_at=moment)
    response = client_for(dashboard_people["officer"]).get(reverse("dashboard:index"), {"year": ""})
    html = response.content.decode()
    assert "Số liệu tính lúc 09:05 07/12/2026" in html
    assert 'data-figure="submitted">6<' in html


def test_a_fresh_install_counts_live_without_the_line(known, dashboard_people, client_for):
    response = client_for(dashboard_people["officer"]).get(reverse("dashboard:index"), {"year": ""})
    assert "Số liệu tính lúc" not in response.content.decode()
    assert response.context["figures"].summarised_at is None
    assert response.context["figures"].submitted == 6


@pytest.mark.parametrize("count", [1, 50])
def test_summarised_figures_run_the_same_statements_at_1_and_50_initiatives(
    count, reform, movement, people, django_assert_num_queries
):
    round = movement.rounds.get()
    fields = list(movement.fields.all())
    units = [reform["school"], reform["other_school"], reform["commune"], reform["ward"]]
    for number in range(count):
        file(
            unit=units[number % 4],
            round=round,
            field=fields[number % 2],
            by=people["author"],
            title=f"Sáng kiến {number}",
            submitted=at(2018, 3, 1),
            saving=1_000_000,
        )
    refresh()
    filters = selectors.Filters(paths=(reform["province"].path,))
    # The run, the sums, fields, levels, the rows per unit, units in force, the top units'
    # names, the newest recognitions (and their grades' names when there are some).
    with django_assert_num_queries(8):
        figures = selectors.compute_figures(filters=filters)
    assert figures.submitted == count
