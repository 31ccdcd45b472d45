"""Budget lines and contributions: what a keeper may record, the rules of approval and
spending, refusals in Vietnamese that save nothing, and the audit of every write."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sangtao.budget import services
from sangtao.budget.models import BudgetLine, Contribution
from sangtao.core.models import AuditEvent

pytestmark = pytest.mark.django_db

CONFERENCE = {
    "year": 2026,
    "kind": "conferences",
    "source": "state_budget",
    "activity": "Hội nghị sơ kết 6 tháng phong trào Đoàn kết sáng tạo",
    "estimated_vnd": 30_000_000,
}


def _line(unit, by, **extra):
    return services.budget_line_create(by=by, unit=unit, **(CONFERENCE | extra))


def _refusal(error: ValidationError) -> dict:
    return {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}


def test_line_create_records_the_estimate_and_its_audit(units, staff):
    line = _line(units["district"], staff["officer"])
    assert (line.estimated_vnd, line.approved_vnd, line.spent_vnd) == (30_000_000, None, 0)
    assert line.search_key.startswith("hoi nghi so ket 6 thang phong trao doan ket sang tao")
    assert line.search_key.endswith("uy ban mttq viet nam huyen tan chau")
    event = AuditEvent.objects.get(target_id=str(line.pk), action="budget_line.create")
    assert event.actor == staff["officer"]


def test_line_with_approval_and_spending_is_kept(units, staff):
    line = _line(
        units["district"],
        staff["officer"],
        approved_vnd=25_000_000,
        approved_on=datetime.date(2026, 2, 10),
        spent_vnd=24_500_000,
        spent_on=datetime.date(2026, 7, 15),
    )
    line.refresh_from_db()
    assert (line.approved_vnd, line.spent_vnd) == (25_000_000, 24_500_000)


@pytest.mark.parametrize(
    ("extra", "refusal"),
    [
        ({"estimated_vnd": -1}, {"estimated_vnd": ["Số tiền không được âm."]}),
        ({"estimated_vnd": 0}, {"estimated_vnd": ["Nhập số tiền dự toán."]}),
        (
            {"approved_vnd": -5, "approved_on": datetime.date(2026, 2, 1)},
            {"approved_vnd": ["Số tiền không được âm."]},
        ),
        (
            {"approved_vnd": 20_000_000},
            {"approved_on": ["Phê duyệt cần có cả số tiền và ngày duyệt."]},
        ),
        (
            {"spent_vnd": 1_000_000, "spent_on": datetime.date(2026, 3, 1)},
            {"spent_vnd": ["Chỉ được chi khi dự toán đã được duyệt."]},
        ),
        (
            {
                "approved_vnd": 20_000_000,
                "approved_on": datetime.date(2026, 2, 1),
                "spent_vnd": 20_000_001,
                "spent_on": datetime.date(2026, 3, 1),
            },
            {"spent_vnd": ["Số đã chi không được vượt số được duyệt."]},
        ),
        (
            {
                "approved_vnd": 20_000_000,
                "approved_on": datetime.date(2026, 2, 1),
                "spent_vnd": 10_000_000,
                "spent_on": datetime.date(2025, 12, 30),
            },
            {
                "spent_on": [
                    "Ngày quyết toán phải thuộc năm của khoản kinh phí và không sau ngày hôm nay."
                ]
            },
        ),
        (
            {
                "approved_vnd": 20_000_000,
                "approved_on": datetime.date(2026, 5, 1),
                "spent_vnd": 10_000_000,
                "spent_on": datetime.date(2026, 4, 1),
            },
            {"spent_on": ["Ngày quyết toán không được trước ngày duyệt."]},
        ),
        ({"year": 2016}, {"year": ["Năm phải từ 2017 đến 2027."]}),
    ],
)
def test_line_create_refuses_bad_amounts_in_vietnamese_and_saves_nothing(
    units, staff, extra, refusal
):
    with pytest.raises(ValidationError) as error:
        _line(units["district"], staff["officer"], **extra)
    assert _refusal(error.value) == refusal
    assert BudgetLine.objects.count() == 0
    assert not AuditEvent.objects.filter(action="budget_line.create").exists()


def test_line_update_records_the_spending_and_what_changed(units, staff):
    line = _line(
        units["district"],
        staff["officer"],
        approved_vnd=25_000_000,
        approved_on=datetime.date(2026, 2, 10),
    )
    services.budget_line_update(
        line=line,
        data={"spent_vnd": 24_500_000, "spent_on": datetime.date(2026, 7, 15)},
        by=staff["district_clerk"],
    )
    line.refresh_from_db()
    assert line.spent_vnd == 24_500_000
    event = AuditEvent.objects.get(target_id=str(line.pk), action="budget_line.update")
    assert event.data == {
        "spent_vnd": ["0", "24500000"],
        "spent_on": ["None", "2026-07-15"],
    }


def test_line_update_refused_leaves_the_stored_line(units, staff):
    line = _line(units["district"], staff["officer"])
    with pytest.raises(ValidationError):
        services.budget_line_update(
            line=line, data={"estimated_vnd": -30_000_000}, by=staff["officer"]
        )
    line.refresh_from_db()
    assert line.estimated_vnd == 30_000_000
    assert not AuditEvent.objects.filter(action="budget_line.update").exists()


def test_a_unit_keeps_only_its_own_and_its_subtrees_lines(units, staff, stranger):
    # The commune's clerk keeps the commune, not the district above it.
    with pytest.raises(PermissionDenied):
        _line(units["district"], staff["clerk"])
    _line(units["commune"], staff["clerk"])
    line = _line(units["district"], staff["district_clerk"])
    with pytest.raises(PermissionDenied):
        services.budget_line_update(line=line, data={"activity": "X"}, by=staff["clerk"])
    with pytest.raises(PermissionDenied):
        services.budget_line_update(line=line, data={"activity": "X"}, by=stranger)
    with pytest.raises(PermissionDenied):  # nor move it to a unit they do not keep
        services.budget_line_update(
            line=line, data={"unit": units["province"]}, by=staff["district_clerk"]
        )
    assert BudgetLine.objects.get(pk=line.pk).unit == units["district"]


def test_line_delete_refused_once_money_was_spent(units, staff):
    line = _line(
        units["district"],
        staff["officer"],
        approved_vnd=25_000_000,
        approved_on=datetime.date(2026, 2, 10),
        spent_vnd=1_000_000,
        spent_on=datetime.date(2026, 3, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.budget_line_delete(line=line, by=staff["officer"])
    assert error.value.messages == ["Khoản kinh phí này đã được chi: hãy sửa số tiền thay vì xóa."]
    assert BudgetLine.objects.filter(pk=line.pk).exists()
    unspent = _line(units["district"], staff["officer"])
    pk = unspent.pk
    services.budget_line_delete(line=unspent, by=staff["officer"])
    assert not BudgetLine.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.filter(target_id=str(pk), action="budget_line.delete").exists()


def test_contribution_is_recorded_once_with_its_audit(units, staff):
    contribution = services.contribution_create(
        by=staff["officer"],
        unit=units["province"],
        giver="Công ty Cổ phần Mía đường Tây Ninh",
        amount_vnd=50_000_000,
        received_on=datetime.date(2026, 4, 2),
        reference="PT-012/2026",
    )
    assert Contribution.objects.get().amount_vnd == 50_000_000
    assert AuditEvent.objects.filter(
        target_id=str(contribution.pk), action="contribution.create"
    ).exists()


@pytest.mark.parametrize(
    ("extra", "refusal"),
    [
        ({"amount_vnd": 0}, {"amount_vnd": ["Số tiền đóng góp phải lớn hơn 0."]}),
        ({"amount_vnd": -2_000_000}, {"amount_vnd": ["Số tiền đóng góp phải lớn hơn 0."]}),
        ({"giver": "  "}, {"giver": ["Nhập tên người, đơn vị đóng góp."]}),
        (
            {"received_on": datetime.date(2027, 1, 5)},
            {"received_on": ["Ngày nhận không được sau ngày hôm nay."]},
        ),
    ],
)
def test_contribution_refuses_bad_input_in_vietnamese(units, staff, extra, refusal):
    data = {
        "giver": "Ngân hàng Nông nghiệp chi nhánh Tây Ninh",
        "amount_vnd": 20_000_000,
        "received_on": datetime.date(2026, 5, 1),
    } | extra
    with pytest.raises(ValidationError) as error:
        services.contribution_create(by=staff["officer"], unit=units["province"], **data)
    assert _refusal(error.value) == refusal
    assert Contribution.objects.count() == 0


def test_contribution_of_another_province_is_refused(units, stranger):
    with pytest.raises(PermissionDenied):
        services.contribution_create(
            by=stranger,
            unit=units["province"],
            giver="Doanh nghiệp A",
            amount_vnd=1_000_000,
            received_on=datetime.date(2026, 5, 1),
        )
