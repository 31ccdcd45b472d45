"""Council services: setup, conflicts, assignment, sheets, decisions, seal, nomination."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sangtao.appraisal import selectors, services
from sangtao.appraisal.models import Assignment, Conflict, CouncilMember, Decision, Recognition
from sangtao.appraisal.rules import SheetsOf
from sangtao.core.models import AuditEvent
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State
from sangtao.movements.models import Grade

from .conftest import member


def _sheet(criteria, *values):
    return {c.pk: (v, f"Nhận xét {c.name}") for c, v in zip(criteria, values, strict=True)}


@pytest.fixture
def criteria(movement):
    return list(movement.criteria.order_by("order"))


def test_council_create_refused_for_an_author(movement, tree, people):
    with pytest.raises(PermissionDenied):
        services.council_create(
            round=movement.rounds.first(),
            unit=tree["commune"],
            by=people["author"],
            data={"name": "X"},
        )


def test_council_create_refused_on_a_school(movement, tree, people):
    with pytest.raises(ValidationError):
        services.council_create(
            round=movement.rounds.first(),
            unit=tree["school"],
            by=people["officer"],
            data={"name": "X"},
        )


def test_only_one_chair(council, people, tree):
    from ..factories import make_user

    with pytest.raises(ValidationError):
        services.council_member_add(
            council=council,
            user=make_user(unit=tree["commune"]),
            role=CouncilMember.Role.CHAIR,
            by=people["secretary"],
        )


def test_queue_holds_the_forwarded_initiatives(council, forwarded):
    assert set(selectors.council_queue(council=council)) == set(forwarded)


def test_queue_ids_oldest_submission_first_and_undecided_count(council, forwarded, people):
    # Entered first, submitted last (as when the clerk sent it back and it came again).
    Initiative.objects.filter(pk=forwarded[0].pk).update(
        submitted_at=forwarded[2].submitted_at + timedelta(days=1)
    )
    first, second, third = forwarded
    assert list(selectors.council_queue_ids(council=council)) == [second.pk, third.pk, first.pk]
    assert selectors.undecided_count(council=council) == 3
    services.decision_record(
        council=council,
        initiative=second,
        outcome="returned",
        reason="Bổ sung số liệu tiết kiệm",
        by=people["secretary"],
    )
    assert selectors.undecided_count(council=council) == 2


def test_manual_assignment_refuses_own_unit_conflict(council, forwarded, people):
    with pytest.raises(ValidationError):
        services.assignment_create(
            council=council,
            initiative=forwarded[0],
            member=member(council, "teacher"),
            by=people["secretary"],
        )
    assert Assignment.objects.count() == 0


def test_manual_assignment_refuses_declared_conflict(council, forwarded, people):
    m1 = council.people["m1"]
    services.conflict_declare(
        initiative=forwarded[0],
        user=m1,
        by=m1,
        reason="Người thân của tác giả",
        source=Conflict.Source.MEMBER,
    )
    with pytest.raises(ValidationError):
        services.assignment_create(
            council=council,
            initiative=forwarded[0],
            member=member(council, "m1"),
            by=people["secretary"],
        )


def test_author_may_name_a_conflicted_member(council, forwarded, people):
    services.conflict_declare(
        initiative=forwarded[0],
        user=council.people["m2"],
        by=people["author"],
        reason="Cùng nhóm nghiên cứu",
        source=Conflict.Source.AUTHOR,
    )
    with pytest.raises(PermissionDenied):
        services.conflict_declare(
            initiative=forwarded[0],
            user=council.people["m1"],
            by=people["clerk"],
            reason="?",
            source=Conflict.Source.AUTHOR,
        )
    assert Conflict.objects.get().user == council.people["m2"]


def test_auto_assignment_balances_and_skips_conflicts_and_uninvited_experts(
    council, forwarded, people
):
    created = services.assignments_auto(council=council, by=people["secretary"])
    # chair, m1, m2 may score; the teacher is conflicted; the expert was invited for nothing.
    assert created == 6
    load = {}
    for assignment in Assignment.objects.select_related("member__user"):
        load[assignment.member.user.username] = load.get(assignment.member.user.username, 0) + 1
    assert load == {"chutich": 2, "uyvien1": 2, "uyvien2": 2}
    assert all(Assignment.objects.filter(initiative=i).count() == 2 for i in forwarded)
    # Running it again adds nothing.
    assert services.assignments_auto(council=council, by=people["secretary"]) == 0


def test_auto_assignment_matches_fields(council, forwarded, people, movement):
    other_field = movement.fields.exclude(pk=forwarded[0].field_id).first()
    member(council, "m1").fields.set([other_field])
    services.assignments_auto(council=council, by=people["secretary"])
    assert not Assignment.objects.filter(member__user=council.people["m1"]).exists()


def test_invited_expert_gets_only_chosen_initiatives(council, forwarded, people):
    expert = member(council, "expert")
    expert.expert_initiatives.set([forwarded[1]])
    council.appraisers_per_initiative = 4
    council.save()
    services.assignments_auto(council=council, by=people["secretary"])
    assert list(Assignment.objects.filter(member=expert).values_list("initiative", flat=True)) == [
        forwarded[1].pk
    ]


def test_sheet_half_saved_then_submitted_and_locked(council, forwarded, people, criteria):
    services.assignments_auto(council=council, by=people["secretary"])
    m1 = council.people["m1"]
    sheet = Assignment.objects.filter(member__user=m1).first()
    services.sheet_save(
        assignment=sheet,
        by=m1,
        scores=_sheet(criteria, 15, ""),
        version=0,
        overall_comment="Đang chấm",
    )
    sheet.refresh_from_db()
    assert (sheet.state, sheet.total, sheet.version) == ("draft", None, 1)
    with pytest.raises(ValidationError) as error:
        services.sheet_save(
            assignment=sheet, by=m1, scores=_sheet(criteria, 15, ""), version=1, submit=True
        )
    assert list(error.value.message_dict) == [f"score_{criteria[1].pk}"]
    services.sheet_save(
        assignment=sheet, by=m1, scores=_sheet(criteria, 15, "12,5"), version=1, submit=True
    )
    sheet.refresh_from_db()
    assert (sheet.state, sheet.total) == ("submitted", Decimal("27.50"))
    with pytest.raises(ValidationError):
        services.sheet_save(assignment=sheet, by=m1, scores=_sheet(criteria, 1, 1), version=2)


def test_sheet_refuses_out_of_range_and_stale_version(council, forwarded, people, criteria):
    services.assignments_auto(council=council, by=people["secretary"])
    m1 = council.people["m1"]
    sheet = Assignment.objects.filter(member__user=m1).first()
    with pytest.raises(ValidationError) as error:
        services.sheet_save(assignment=sheet, by=m1, scores=_sheet(criteria, 21, "x"))
    assert set(error.value.message_dict) == {f"score_{c.pk}" for c in criteria}
    services.sheet_save(assignment=sheet, by=m1, scores=_sheet(criteria, 10, 10), version=0)
    with pytest.raises(ValidationError):
        services.sheet_save(assignment=sheet, by=m1, scores=_sheet(criteria, 11, 11), version=0)
    assert sheet.scores.get(criterion=criteria[0]).value == Decimal("10")


def test_nobody_saves_another_members_sheet(council, forwarded, people, criteria):
    services.assignments_auto(council=council, by=people["secretary"])
    sheet = Assignment.objects.filter(member__user=council.people["m1"]).first()
    with pytest.raises(PermissionDenied):
        services.sheet_save(
            assignment=sheet, by=council.people["m2"], scores=_sheet(criteria, 1, 1)
        )


def _score_all(council, criteria, values_by_user):
    for sheet in Assignment.objects.select_related("member__user"):
        value = values_by_user[sheet.member.user.username]
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores=_sheet(criteria, value, value),
            submit=True,
        )


def _sees_sheets(user, council, initiative) -> bool:
    fresh = type(user).objects.get(pk=user.pk)  # as on the next request
    return fresh.has_perm("appraisal.view_sheets", SheetsOf(council, initiative.pk))


def test_members_see_other_sheets_only_after_submitting(council, forwarded, people, criteria):
    services.assignments_auto(council=council, by=people["secretary"])
    sheet = Assignment.objects.filter(member__user=council.people["m1"]).first()
    initiative = sheet.initiative
    m1 = council.people["m1"]
    assert not _sees_sheets(m1, council, initiative)
    # The secretary scores nothing: not while sheets are out and the deadline is ahead.
    assert not _sees_sheets(people["secretary"], council, initiative)
    services.sheet_save(assignment=sheet, by=m1, scores=_sheet(criteria, 9, 9), submit=True)
    assert _sees_sheets(m1, council, initiative)
    # The conflicted teacher never does.
    assert not _sees_sheets(council.people["teacher"], council, initiative)
    for other in Assignment.objects.filter(initiative=initiative, state="draft"):
        services.sheet_save(
            assignment=other, by=other.member.user, scores=_sheet(criteria, 9, 9), submit=True
        )
    assert _sees_sheets(people["secretary"], council, initiative)  # every sheet is in


def test_ranking_and_proposed_grade(council, forwarded, people, criteria):
    services.assignments_auto(council=council, by=people["secretary"])
    _score_all(council, criteria, {"chutich": 18, "uyvien1": 16, "uyvien2": 10})
    rows = selectors.ranking(council=council)
    assert len(rows) == 3
    totals = [result.aggregate for _, result in rows]
    assert totals == sorted(totals, reverse=True)
    # Two criteria of 0-20 with weight 1: the Xuất sắc threshold (32) is reached by 34.
    initiative, result = rows[0]
    assert result.totals and result.proposed_grade.name in {"Xuất sắc", "Khá"}


def test_decide_seal_recognise_and_nominate(council, forwarded, people, criteria, tree):
    services.assignments_auto(council=council, by=people["secretary"])
    _score_all(council, criteria, {"chutich": 18, "uyvien1": 16, "uyvien2": 17})
    excellent = Grade.objects.get(movement=council.round.movement, name="Xuất sắc")
    chair = council.people["chair"]
    with pytest.raises(ValidationError):  # a recognition needs a grade
        services.decision_record(
            council=council, initiative=forwarded[0], outcome="recognised", by=chair
        )
    services.decision_record(
        council=council, initiative=forwarded[0], outcome="recognised", grade=excellent, by=chair
    )
    services.decision_record(
        council=council,
        initiative=forwarded[1],
        outcome="not_recognised",
        reason="Chưa có tính mới",
        by=chair,
    )
    with pytest.raises(ValidationError):  # one initiative is still undecided
        services.council_seal(council=council, by=chair)
    services.decision_record(
        council=council,
        initiative=forwarded[2],
        outcome="returned",
        reason="Bổ sung số liệu tiết kiệm",
        by=people["secretary"],
    )
    with pytest.raises(PermissionDenied):  # only the chair seals
        services.council_seal(council=council, by=people["secretary"])
    services.council_seal(council=council, by=chair)
    states = dict(Initiative.objects.values_list("title", "state"))
    assert states == {
        "Sáng kiến 1": "recognised",
        "Sáng kiến 2": "not_recognised",
        "Sáng kiến 3": "returned",
    }
    recognition = Recognition.objects.get()
    assert (recognition.initiative, recognition.unit, recognition.grade) == (
        forwarded[0],
        tree["commune"],
        excellent,
    )
    # Sealed: every write is refused.
    sheet = Assignment.objects.first()
    with pytest.raises((ValidationError, PermissionDenied)):
        services.decision_record(
            council=council,
            initiative=forwarded[1],
            outcome="recognised",
            grade=excellent,
            by=chair,
        )
    with pytest.raises(ValidationError):
        services.sheet_save(assignment=sheet, by=sheet.member.user, scores={})
    # Nominate upward: it lands in the district's queue; the commune's recognition stays.
    services.nominate(council=council, initiatives=[forwarded[0]], by=chair, note="Tiêu biểu")
    forwarded[0].refresh_from_db()
    assert forwarded[0].state == State.IN_APPRAISAL
    assert forwarded[0].appraisal_unit == tree["district"]
    assert Recognition.objects.filter(withdrawn_at__isnull=True).count() == 1
    with pytest.raises(ValidationError):  # not recognised cannot go up
        services.nominate(council=council, initiatives=[forwarded[1]], by=chair)
    # The decision stays in the lower council's queue after it left.
    assert forwarded[0] in selectors.council_queue(council=council)
    assert list(selectors.council_queue_ids(council=council)) == [i.pk for i in forwarded]
    assert selectors.undecided_count(council=council) == 0


def test_reopen_needs_a_reason_and_withdraws_recognitions(council, forwarded, people, criteria):
    services.assignments_auto(council=council, by=people["secretary"])
    _score_all(council, criteria, {"chutich": 18, "uyvien1": 16, "uyvien2": 17})
    grade = Grade.objects.get(movement=council.round.movement, name="Khá")
    chair = council.people["chair"]
    for initiative in forwarded:
        services.decision_record(
            council=council, initiative=initiative, outcome="recognised", grade=grade, by=chair
        )
    services.council_seal(council=council, by=chair)
    with pytest.raises(ValidationError):
        services.council_reopen(council=council, by=chair, reason=" ")
    services.council_reopen(council=council, by=chair, reason="Sai sót khi nhập điểm")
    assert Recognition.objects.filter(withdrawn_at__isnull=True).count() == 0
    event = AuditEvent.objects.get(action="council.reopen")
    assert event.reason == "Sai sót khi nhập điểm"
    # Open again: the decision may change.
    services.decision_record(
        council=council,
        initiative=forwarded[0],
        outcome="not_recognised",
        reason="Xét lại",
        by=chair,
    )
    assert Decision.objects.get(initiative=forwarded[0]).outcome == "not_recognised"


def test_criteria_weights_freeze_once_sheets_use_them(council, forwarded, people, criteria):
    from sangtao.movements import services as movement_services

    services.assignments_auto(council=council, by=people["secretary"])
    sheet = Assignment.objects.filter(member__user=council.people["m1"]).first()
    services.sheet_save(assignment=sheet, by=sheet.member.user, scores=_sheet(criteria, 5, 6))
    officer = people["officer"]
    with pytest.raises(ValidationError):
        movement_services.criterion_update(
            criterion=criteria[0], data={"weight": Decimal("2")}, by=officer
        )
    with pytest.raises(ValidationError):
        movement_services.criterion_add(movement=council.round.movement, name="Mới", by=officer)
    movement_services.criterion_update(
        criterion=criteria[0], data={"description": "Chưa từng được công nhận"}, by=officer
    )
    criteria[0].refresh_from_db()
    assert (criteria[0].weight, criteria[0].description) == (
        Decimal("1.00"),
        "Chưa từng được công nhận",
    )


def test_deciding_again_the_same_way_keeps_the_state(council, forwarded, people, criteria):
    services.assignments_auto(council=council, by=people["secretary"])
    _score_all(council, criteria, {"chutich": 18, "uyvien1": 16, "uyvien2": 17})
    chair = council.people["chair"]
    good = Grade.objects.get(movement=council.round.movement, name="Khá")
    best = Grade.objects.get(movement=council.round.movement, name="Xuất sắc")
    for grade in (good, best):
        services.decision_record(
            council=council, initiative=forwarded[0], outcome="recognised", grade=grade, by=chair
        )
    for reason in ("Chưa có tính mới", "Chưa có số liệu"):
        services.decision_record(
            council=council,
            initiative=forwarded[1],
            outcome="not_recognised",
            reason=reason,
            by=chair,
        )
    forwarded[0].refresh_from_db()
    forwarded[1].refresh_from_db()
    assert (forwarded[0].state, forwarded[1].state) == (State.RECOGNISED, State.NOT_RECOGNISED)
    assert list(Decision.objects.order_by("initiative_id").values_list("grade", "reason")) == [
        (best.pk, ""),
        (None, "Chưa có số liệu"),
    ]


def test_settings_saved_from_a_page_loaded_before_the_decision_file_keep_the_file(council, people):
    """The settings page was loaded before the secretary attached the council's decision in
    another window: saving the settings writes only what changed, never the old empty file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    stale = type(council).objects.get(pk=council.pk)
    pdf = SimpleUploadedFile("qd.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    services.council_decision_file_set(council=council, by=people["secretary"], upload=pdf)
    services.council_update(
        council=stale, by=people["secretary"], data={"name": "Hội đồng xã Tân Hòa (bổ sung)"}
    )
    row = type(council).objects.get(pk=council.pk)
    assert (row.name, row.decision_file.name) == (
        "Hội đồng xã Tân Hòa (bổ sung)",
        f"councils/council-{council.pk}.pdf",
    )
    assert AuditEvent.objects.filter(action="council.update").get().data == {"fields": ["name"]}


def test_queue_page_keeps_a_decided_initiative_that_moved_on_in_submission_order(
    council, forwarded, people
):
    first, second, third = forwarded
    for initiative in (first, second):
        services.decision_record(
            council=council,
            initiative=initiative,
            outcome="returned",
            reason="Bổ sung số liệu tiết kiệm",
            by=people["secretary"],
        )
    # Decided here, then moved on (nominated to the district): still in this council's queue.
    Initiative.objects.filter(pk=second.pk).update(appraisal_unit=council.unit.parent)
    assert list(selectors.council_queue_ids(council=council)) == [first.pk, second.pk, third.pk]

    page = selectors.queue_page(council=council, number="1", per_page=2)
    assert [row.pk for row in page.object_list] == [first.pk, second.pk]
    assert (page.paginator.count, page.paginator.num_pages, page.undecided) == (3, 2, 1)
    assert [row.decision_outcome for row in page.object_list] == ["returned", "returned"]
    # Past the end, not a number, below one: the pages Django's paginator gives.
    assert [row.pk for row in selectors.queue_page(council=council, number="9", per_page=2)] == [
        third.pk
    ]
    for number in ("abc", None):
        page = selectors.queue_page(council=council, number=number, per_page=2)
        assert (page.number, [row.pk for row in page.object_list]) == (1, [first.pk, second.pk])
    page = selectors.queue_page(council=council, number="0", per_page=2)
    assert (page.number, page.paginator.count, page.undecided) == (2, 3, 1)
