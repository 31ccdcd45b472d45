"""The summary of counts for wide subtrees (the country, a province): after a refresh the
dashboard reads it and shows the same figures as counted live, says when they were computed,
and runs the same statements whatever the number of initiatives."""

import dataclasses
import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sangtao.appraisal.models import Nomination, Recognition
from sangtao.dashboard import selectors
from sangtao.dashboard.models import (
    NewestRecognition,
    PartUnits,
    SummaryChange,
    SummaryCount,
    SummaryRun,
    TopUnit,
    UnitCount,
)
from sangtao.dashboard.services import summary_refresh
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.services import initiative_create, initiative_submit
from sangtao.orgs.services import unit_close, unit_move

from ..factories import complete_dossier, make_unit
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
            sorted(SummaryCount.objects.values_list("scope", *FIELDS_COUNT)),
            sorted(UnitCount.objects.values_list(*FIELDS_UNIT), key=str),
            sorted(PartUnits.objects.values_list(*FIELDS_PART), key=str),
            sorted(TopUnit.objects.values_list(*FIELDS_TOP), key=str),
            sorted(NewestRecognition.objects.values_list("path", "scope", "recognition_id")),
        )

    refresh()
    first = rows()
    call_command("dashboard_refresh", stdout=None)
    assert rows() == first
    # Rows of the known data: 8 (part, round, field, state, level) and their 8 sums for the
    # whole tree; 4 units per round, per year and over every round; the province's units that
    # filed per round (2), per year (2) and over every round; the same 4 units per round, year
    # and in all as the top units; 2 standing recognitions per round and in all.
    assert [len(rows) for rows in first] == [16, 12, 5, 12, 4]
    assert SummaryRun.objects.count() == 1


def test_the_parts_hold_the_units_that_filed_and_file_most(withdrawn, known, tree):
    refresh()
    province = tree["province"].path
    assert list(
        PartUnits.objects.filter(scope="all").values_list("path", "filing", "before", "after")
    ) == [(province, 4, 3, 1)]
    assert list(
        TopUnit.objects.filter(scope="year", year=2018)
        .order_by("-filed", "unit_path")
        .values_list("unit_id", "filed", "recognised")
    ) == [(tree["school"].pk, 4, 2), (tree["other_school"].pk, 1, 0)]


FIELDS_COUNT = [
    "path", "round_id", "year", "field_id", "state", "level_id", "total", "submitted",
    "forwarded", "nominated", "recognised", "saving_filed", "saving_filed_count",
    "saving_recognised", "saving_recognised_count",
]  # fmt: skip
FIELDS_UNIT = [
    "unit_id", "path", "scope", "round_id", "year", "filed", "before", "after", "recognised"
]  # fmt: skip
FIELDS_PART = ["path", "scope", "round_id", "year", "filing", "before", "after"]
FIELDS_TOP = ["path", "scope", "round_id", "year", "unit_id", "unit_path", "filed", "recognised"]


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
    # The run, the sums, fields, levels, the units that filed, units in force, the top units
    # and their names, the newest recognitions (and their grades' names when there are some).
    with django_assert_num_queries(9):
        figures = selectors.compute_figures(filters=filters)
    assert figures.submitted == count


def _submit_draft(known, tree):
    Initiative.objects.filter(pk=known["draft"].pk).update(
        state="submitted", submitted_at=at(2018, 4, 1), yearly_saving_vnd=3_000_000
    )


def _recognise(known, tree):
    initiative = known["submitted"]
    Initiative.objects.filter(pk=initiative.pk).update(
        state="recognised", appraisal_unit=tree["district"]
    )
    Recognition.objects.create(
        initiative=initiative,
        council=known["councils"]["district"],
        unit=tree["district"],
        grade=Recognition.objects.get(initiative=known["recognised"]).grade,
        total=32,
        recognised_at=at(2018, 11, 2),
    )


def _nominate(known, tree):
    Nomination.objects.create(
        initiative=known["recognised"],
        from_council=known["councils"]["province"],
        to_unit=tree["central"],
        nominated_by=known["recognised"].created_by,
        nominated_at=at(2018, 12, 3),
    )


def _merge(known, tree):
    """The 2025 reform merges a second province into Tây Ninh: its district moves under Tây
    Ninh (the initiatives filed there before go with it) and the province closes."""
    other = make_unit("Ủy ban MTTQ Việt Nam tỉnh Bình Phước", parent=tree["central"])
    district = make_unit("Ủy ban MTTQ Việt Nam huyện Lộc Ninh", parent=other)
    for day in (5, 6):
        file(
            unit=district,
            round=known["round_2018"],
            field=known["submitted"].field,
            by=known["submitted"].created_by,
            title=f"Sáng kiến Lộc Ninh {day}",
            submitted=at(2018, 3, day),
        )
    refresh()  # counted apart, then merged
    unit_move(unit=district, new_parent=tree["province"])
    unit_close(unit=other, on=datetime.date(2025, 7, 1), successors=[(tree["province"], "merged")])


def _withdraw(known, tree):
    Recognition.objects.filter(initiative=known["recognised"]).update(withdrawn_at=at(2019, 2, 1))
    Initiative.objects.filter(pk=known["before_reform"].pk).update(state="withdrawn")


CHANGES = {
    "submit": _submit_draft,
    "recognise": _recognise,
    "nominate": _nominate,
    "merger": _merge,
    "withdrawal": _withdraw,
}


@pytest.mark.parametrize("change", list(CHANGES))
@pytest.mark.parametrize("root", ["central", "province"])
@pytest.mark.parametrize("chosen", ["every year", 2018, "round 2018"])
def test_summarised_figures_equal_the_live_figures_after_a_change(
    withdrawn, known, tree, change, root, chosen
):
    refresh()
    CHANGES[change](known, tree)
    if chosen == "every year":
        narrowed = {}
    elif isinstance(chosen, int):
        narrowed = {"year": chosen}
    else:
        narrowed = {"round": known[chosen.replace(" ", "_")]}
    filters = selectors.Filters(paths=(tree[root].path,), **narrowed)
    live = selectors.live_figures(filters=filters)
    refresh()
    summarised = selectors.compute_figures(filters=filters)
    assert summarised.summarised_at is not None
    assert comparable(summarised) == comparable(live)


def test_a_submit_shows_on_the_page_after_the_queued_refresh(
    known, movement, tree, people, dashboard_people, client_for
):
    refresh()
    client = client_for(dashboard_people["officer"])
    page = reverse("dashboard:index")

    def shown():
        response = client.get(page, {"year": ""})
        return response.context["figures"].submitted, "data-pending" in response.content.decode()

    assert shown() == (6, False)
    data = complete_dossier(movement, tree["school"]) | {"round": known["round_2018"]}
    initiative = initiative_create(
        by=people["author"], data=data, authors=[{"full_name": "Lê Thị Mai", "share": 100}]
    )
    initiative_submit(initiative=initiative, by=people["author"])
    # The submit noted the change in its own transaction; the page still shows the last
    # summary and says an update is pending.
    assert SummaryChange.objects.count() == 2  # created, submitted
    assert shown() == (6, True)
    # The timer's next minute: past the spacing after the last refresh, however long it took.
    SummaryRun.objects.update(refreshed_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("dashboard_refresh", "--when-changed", stdout=StringIO())
    assert shown() == (7, False)
    assert not SummaryChange.objects.exists()


def test_the_timer_does_nothing_without_a_change(known):
    run = refresh()
    out = StringIO()
    call_command("dashboard_refresh", "--when-changed", stdout=out)
    assert SummaryRun.objects.get().pk == run.pk
    assert out.getvalue() == "Không có thay đổi: số liệu tổng hợp vẫn đúng.\n"


def test_a_change_written_during_a_refresh_waits_for_the_next(known, tree):
    """Only the changes seen when a refresh starts are counted off: one noted while it runs
    (here: before it commits) stays pending."""
    refresh()
    SummaryChange.objects.create(action="initiative.submit", at=timezone.now())
    with transaction.atomic():
        run = refresh()
        SummaryChange.objects.create(action="initiative.submit", at=timezone.now())
    assert run is not None
    assert SummaryChange.objects.count() == 1
    assert selectors.summary_pending()


def test_writes_that_change_no_count_leave_no_change(known, tree, people):
    from sangtao.core.services import audit_record

    audit_record(actor=people["officer"], action="milestone.done", target=tree["province"])
    assert not SummaryChange.objects.exists()
    audit_record(actor=people["officer"], action="unit.rename", target=tree["province"])
    assert SummaryChange.objects.count() == 1


def test_the_timer_counts_again_a_day_old_summary(known):
    run = refresh()
    SummaryRun.objects.filter(pk=run.pk).update(
        refreshed_at=timezone.now() - datetime.timedelta(hours=25)
    )
    call_command("dashboard_refresh", "--when-changed", stdout=StringIO())
    assert SummaryRun.objects.get().refreshed_at > timezone.now() - datetime.timedelta(minutes=1)


def test_the_timer_spaces_long_refreshes(known, people, tree):
    """A refresh that took 100 s holds SQLite's writer that long: the next change waits
    300 s after it ended, then is counted."""
    from sangtao.core.services import audit_record

    run = refresh()
    SummaryRun.objects.filter(pk=run.pk).update(seconds=100)
    audit_record(actor=people["officer"], action="unit.rename", target=tree["province"])
    call_command("dashboard_refresh", "--when-changed", stdout=StringIO())
    assert SummaryRun.objects.get().pk == run.pk  # too soon
    SummaryRun.objects.filter(pk=run.pk).update(
        refreshed_at=timezone.now() - datetime.timedelta(seconds=301)
    )
    call_command("dashboard_refresh", "--when-changed", stdout=StringIO())
    assert SummaryRun.objects.get().pk != run.pk
    assert not SummaryChange.objects.exists()
