"""The dashboard's numbers for the small known tree (tests/dashboard/conftest.py)."""

from sangtao.dashboard import selectors
from sangtao.dashboard.charts import charts


def province_figures(tree, **filters):
    return selectors.compute_figures(
        filters=selectors.Filters(paths=(tree["province"].path,), **filters)
    )


def test_funnel_counts_each_stage_reached(known, tree):
    figures = province_figures(tree)
    assert figures.funnel == [
        ("created", 7),
        ("submitted", 6),
        ("forwarded", 3),
        ("recognised", 2),
        ("nominated", 1),
    ]


def test_by_field_counts_filed_and_recognised(known, tree):
    figures = province_figures(tree)
    assert [(r.label, r.filed, r.recognised) for r in figures.by_field] == [
        ("Doanh nghiệp", 3, 1),
        ("Đơn vị sự nghiệp", 3, 1),
    ]


def test_by_level_year_and_state_are_exact(known, tree):
    figures = province_figures(tree)
    assert [(r.label, r.filed, r.recognised) for r in figures.by_level] == [
        ("Xã, phường, đặc khu", 2, 0),
        ("Cơ sở", 4, 2),
    ]
    assert [(r.label, r.filed, r.recognised) for r in figures.by_year] == [
        ("2018", 4, 2),
        ("2025", 2, 0),
    ]
    assert {r.key: r.filed for r in figures.by_state} == {
        "draft": 1,
        "submitted": 3,
        "in_appraisal": 1,
        "recognised": 1,
        "not_recognised": 1,
    }


def test_participation_is_split_at_the_reform(known, tree):
    figures = province_figures(tree)
    # Before: the two schools and the commune filed; 6 units existed (the ward not yet).
    assert (figures.participants_before, figures.units_before) == (3, 6)
    # From 1 July 2025: the ward alone filed; 6 units in force (the commune closed).
    assert (figures.participants_after, figures.units_after) == (1, 6)
    assert figures.units_closed_by_merger == 1
    assert (figures.participation_before, figures.participation_after) == (50, 17)


def test_money_saved_sums_what_the_dossiers_state(known, tree):
    figures = province_figures(tree)
    assert (figures.saving_recognised, figures.saving_recognised_count) == (20_000_000, 1)
    assert (figures.saving_filed, figures.saving_filed_count) == (35_000_000, 3)


def test_top_units_and_newest_recognitions(known, tree):
    figures = province_figures(tree)
    assert [(r.label, r.filed, r.recognised) for r in figures.top_units] == [
        ("Trường THCS Tân Hòa", 3, 2),
        ("Ủy ban MTTQ Việt Nam xã Tân Hòa", 1, 0),
        ("Trường THPT Gò Dầu", 1, 0),
        ("Ủy ban MTTQ Việt Nam phường Tân Ninh", 1, 0),
    ]
    assert [r["initiative__title"] for r in figures.newest] == [
        "Thư viện số của trường",
        "Vườn rau sạch trong trường học",
    ]


def test_year_and_round_filters_narrow_every_figure(known, tree):
    by_year = province_figures(tree, year=2025)
    assert by_year.funnel == [
        ("created", 2),
        ("submitted", 2),
        ("forwarded", 0),
        ("recognised", 0),
        ("nominated", 0),
    ]
    assert (by_year.participants_before, by_year.participants_after) == (1, 1)
    by_round = province_figures(tree, round=known["round_2018"])
    assert by_round.created == 5 and by_round.recognised == 2


def test_a_subtree_counts_only_its_units(known, tree):
    district = selectors.compute_figures(filters=selectors.Filters(paths=(tree["district"].path,)))
    # The district Tân Châu: the school's four and the commune's one; Gò Dầu's not at all.
    assert district.created == 5
    assert "Thư viện xanh Gò Dầu" not in [r["initiative__title"] for r in district.newest]
    assert [r.label for r in district.top_units] == [
        "Trường THCS Tân Hòa",
        "Ủy ban MTTQ Việt Nam xã Tân Hòa",
    ]
    assert district.units_before == 3


def test_each_chart_carries_the_numbers_of_its_table(known, tree):
    figures = province_figures(tree)
    field_chart = next(c for c in charts(figures) if c.code == "field")
    assert field_chart.data["labels"] == ["Doanh nghiệp", "Đơn vị sự nghiệp"]
    assert [s["values"] for s in field_chart.data["series"]] == [[3, 3], [1, 1]]
    money = next(c for c in charts(figures) if c.code == "money")
    assert [s["values"] for s in money.data["series"]] == [[20_000_000, 35_000_000]]


def test_figures_are_cached_per_subtree_and_filters(known, tree, django_assert_num_queries):
    filters = selectors.Filters(paths=(tree["province"].path,), year=2018)
    first = selectors.figures(filters=filters)
    # One statement: which summary is the newest (none here), so that a refresh shows at once.
    with django_assert_num_queries(1):
        again = selectors.figures(filters=filters)
    assert again.created == first.created == 5
    other = selectors.Filters(paths=(tree["province"].path,), year=2025)
    assert other.cache_key != filters.cache_key
    assert selectors.figures(filters=other).created == 2


def test_milestones_count_done_and_overdue(known, tree):
    progress = selectors.milestone_progress(
        filters=selectors.Filters(paths=(tree["province"].path,))
    )
    assert (progress.total, progress.done, progress.overdue) == (2, 1, 1)
    assert [m.title for m in progress.upcoming] == ["Sơ kết phong trào"]


def test_cached_figures_are_shown_in_the_readers_language(known, tree):
    from django.utils import translation

    filters = selectors.Filters(paths=(tree["province"].path,))
    with translation.override("en"):
        selectors.figures(filters=filters)  # computed and kept by an English reader
    with translation.override("vi"):
        state = next(c for c in charts(selectors.figures(filters=filters)) if c.code == "state")
    assert state.rows[0] == ["Bản nháp", 1]
