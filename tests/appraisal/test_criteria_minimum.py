"""All five criteria must hold: a criterion below its minimum proposes the scale's refusal grade,
whatever the total, and the ranking, the result page, the workbook and the minutes name it."""

import io
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.urls import reverse

from sangtao.appraisal import documents, scoring, selectors, services, spreadsheets
from sangtao.appraisal.models import Assignment
from sangtao.movements.models import Criterion, Grade

from .test_documents import _secretary, docx_text, pdf_text

# The plan's five criteria, each 0-20 with a minimum of 10, and the default scale.
FIVE = ["Tính mới", "Tính phù hợp", "Tính tập thể", "Tính thiết thực, hiệu quả", "Tính kinh tế"]
SCALE = [("Xuất sắc", D(90), True), ("Tốt", D(75), True), ("Đạt", D(60), True)]
SCALE += [("Không đạt", D(0), False)]


def _propose(figures: dict[str, D]) -> tuple[str | None, list[str]]:
    failing = scoring.failing_criteria(figures, [(name, D(10)) for name in FIVE])
    total = sum(figures.values())
    grade = scoring.propose_grade(
        total,
        [(name, low) for name, low, _ok in SCALE],
        failing=failing,
        refusal=scoring.refusal_grade(SCALE),
    )
    return grade, failing


def test_zero_for_novelty_and_twenty_for_the_others_proposes_khong_dat():
    figures = {name: D(20) for name in FIVE} | {"Tính mới": D(0)}
    assert _propose(figures) == ("Không đạt", ["Tính mới"])


def test_exactly_at_every_minimum_passes_on_the_total():
    figures = {name: D(10) for name in FIVE} | {"Tính mới": D(20), "Tính kinh tế": D(20)}
    assert _propose(figures) == ("Đạt", [])


def test_failing_criteria_are_named_in_the_criteria_order():
    figures = {name: D(20) for name in FIVE} | {"Tính kinh tế": D("9.99"), "Tính mới": D(3)}
    assert _propose(figures) == ("Không đạt", ["Tính mới", "Tính kinh tế"])


def test_refusal_grade_is_the_lowest_not_recognised_or_none():
    assert scoring.refusal_grade(SCALE + [("Kém", D(-1), False)]) == "Kém"
    assert scoring.refusal_grade(SCALE[:3]) is None


# --- in a council ------------------------------------------------------------------------------


@pytest.fixture
def rule(movement):
    """The factory's movement (Tính mới, Tính kinh tế, 0-20; Xuất sắc 32, Khá 20) with a minimum
    of 10 per criterion and a refusal grade."""
    Criterion.objects.filter(movement=movement).update(minimum=D(10))
    Grade.objects.create(movement=movement, name="Không đạt", min_total=D(0), recognised=False)
    return movement


def _score(council, criteria, by_initiative):
    """Every sheet of an initiative gets its (Tính mới, Tính kinh tế) scores."""
    for sheet in Assignment.objects.select_related("member__user", "initiative"):
        values = by_initiative[sheet.initiative.title]
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (v, "") for c, v in zip(criteria, values, strict=True)},
            submit=True,
        )


@pytest.fixture
def scored(council, forwarded, people, rule):
    services.assignments_auto(council=council, by=people["secretary"])
    criteria = list(rule.criteria.order_by("order"))
    _score(
        council,
        criteria,
        {"Sáng kiến 1": (0, 20), "Sáng kiến 2": (10, 20), "Sáng kiến 3": (20, 20)},
    )
    return council


def test_council_result_below_a_minimum_proposes_khong_dat_naming_it(scored, forwarded):
    results = {i.title: r for i, r in selectors.ranking(council=scored)}
    failing = results["Sáng kiến 1"]
    assert (failing.aggregate, failing.proposed_grade.name, failing.failing_names) == (
        D("20.00"),
        "Không đạt",
        "Tính mới",
    )
    # Exactly at the minimum passes: the total (30) decides.
    at_minimum = results["Sáng kiến 2"]
    assert (at_minimum.proposed_grade.name, at_minimum.failing) == ("Khá", [])
    assert results["Sáng kiến 3"].proposed_grade.name == "Xuất sắc"
    one = selectors.initiative_result(council=scored, initiative=forwarded[0])
    assert (one.proposed_grade.name, one.failing_names) == ("Không đạt", "Tính mới")


def test_council_minimum_applies_to_the_councils_aggregate_of_the_criterion(
    council, forwarded, people, rule
):
    # The median of Tính mới over two sheets (8 and 12) is 10: at the minimum, it passes.
    services.council_update(council=council, by=people["secretary"], data={"aggregate": "median"})
    services.assignments_auto(council=council, by=people["secretary"])
    criteria = list(rule.criteria.order_by("order"))
    for index, sheet in enumerate(
        Assignment.objects.filter(initiative=forwarded[0]).order_by("pk")
    ):
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={criteria[0].pk: (8 + 4 * index, ""), criteria[1].pk: (15, "")},
            submit=True,
        )
    result = selectors.initiative_result(council=council, initiative=forwarded[0])
    assert (result.by_criterion[criteria[0].pk], result.failing) == (D("10.00"), [])
    assert result.proposed_grade.name == "Khá"


def test_ranking_and_result_pages_name_the_failing_criterion(scored, forwarded, client_for):
    client = client_for(scored.people["chair"])
    ranking = client.get(reverse("appraisal:ranking", args=[scored.pk])).content.decode()
    assert ranking.count("Dưới mức tối thiểu: Tính mới") == 1
    assert "Không đạt" in ranking
    result = client.get(
        reverse("appraisal:result", args=[scored.pk, forwarded[0].public_id])
    ).content.decode()
    assert "Dưới mức tối thiểu: Tính mới" in result
    assert "Kết quả của Hội đồng theo từng tiêu chí" in result
    # The decision form does not preselect "recognised" for a refused proposal.
    page = client.get(reverse("appraisal:result", args=[scored.pk, forwarded[0].public_id]))
    assert page.context["decision_form"].initial == {"outcome": None, "grade": None}


def test_ranking_query_count_does_not_depend_on_failing_criteria(scored, client_for, rule):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(scored.people["chair"])
    url = reverse("appraisal:ranking", args=[scored.pk])
    cache.clear()
    with CaptureQueriesContext(connection) as failing:
        client.get(url)
    Criterion.objects.filter(movement=rule).update(minimum=D(0))
    cache.clear()
    with CaptureQueriesContext(connection) as passing:
        client.get(url)
    assert len(failing) == len(passing)


def test_minutes_name_the_failing_criterion(scored):
    user = _secretary(scored)
    docx = documents.council_paper(council=scored, user=user, name="minutes", extension="docx")
    pdf = documents.council_paper(council=scored, user=user, name="minutes", extension="pdf")
    expected = "“Sáng kiến 1”: Tính mới: 0,00, dưới mức tối thiểu 10,00"
    for text in (docx_text(docx[0])[1], pdf_text(pdf[0])):
        assert "xếp loại đề xuất: Không đạt, dù tổng điểm bao nhiêu" in text
        assert expected in text
        assert "Sáng kiến 2”: Tính" not in text
        assert "Tính mới (từ 0 đến 20 điểm, hệ số 1, tối thiểu 10)" in text


def test_workbook_names_the_failing_criterion(scored):
    from openpyxl import load_workbook

    content, _name = spreadsheets.results_workbook(council=scored, user=_secretary(scored))
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Không đạt (Dưới mức tối thiểu: Tính mới)" in values
