"""Factories for tests: real rows through the real services, no mocks."""

import datetime
import itertools
from decimal import Decimal

from sangtao.accounts.models import RoleMembership, User
from sangtao.movements.models import (
    Campaign,
    Criterion,
    Field,
    Grade,
    Movement,
    MovementCampaign,
    Round,
)
from sangtao.orgs.models import Level, OrgUnit, UnitKind
from sangtao.orgs.services import unit_create

_counter = itertools.count(1)


def reference_data_ensure() -> None:
    """The levels and unit kinds of the orgs migration, put back when a test on committed rows
    (the live server, threads) flushed the database before this one (the migration's own
    function, idempotent): every test finds them, whatever ran before it."""
    import importlib

    from django.apps import apps

    importlib.import_module("sangtao.orgs.migrations.0001_squashed").reference_data(apps, None)


def level(code: str) -> Level:
    try:
        return Level.objects.get(code=code)
    except Level.DoesNotExist:
        reference_data_ensure()
        return Level.objects.get(code=code)


def kind(code: str) -> UnitKind:
    try:
        return UnitKind.objects.get(code=code)
    except UnitKind.DoesNotExist:
        reference_data_ensure()
        return UnitKind.objects.get(code=code)


def make_unit(
    name: str | None = None,
    *,
    parent: OrgUnit | None = None,
    kind_code: str = "front_committee",
    level_code: str | None = None,
    **extra,
) -> OrgUnit:
    if level_code is None:
        level_code = {0: "central", 1: "province", 2: "district", 3: "commune"}.get(
            (parent.depth + 1) if parent else 0, "grassroots"
        )
    return unit_create(
        name=name or f"Đơn vị {next(_counter)}",
        kind=kind(kind_code),
        level=level(level_code),
        parent=parent,
        **extra,
    )


def make_user(
    username: str | None = None,
    *,
    unit: OrgUnit | None = None,
    roles: tuple[tuple[str, OrgUnit], ...] = (),
    **extra,
) -> User:
    username = username or f"user{next(_counter)}"
    user = User.objects.create_user(
        username=username,
        password="mat-khau-thu-nghiem",
        email=f"{username}@example.vn",
        full_name=extra.pop("full_name", f"Nguyễn Văn {username}"),
        unit=unit,
        **extra,
    )
    for role, role_unit in roles:
        RoleMembership.objects.create(user=user, role=role, unit=role_unit)
    return user


def make_movement(unit: OrgUnit, *, year: int = 2018) -> Movement:
    movement = Movement.objects.create(
        name=f"Đoàn kết sáng tạo {year}-{year + 2}",
        unit=unit,
        start_year=year,
        end_year=year + 2,
    )
    Round.objects.create(movement=movement, year=year, name=f"Năm {year}", status=Round.Status.OPEN)
    Field.objects.create(movement=movement, code="doanh-nghiep", name="Doanh nghiệp", order=1)
    Field.objects.create(movement=movement, code="su-nghiep", name="Đơn vị sự nghiệp", order=2)
    for order, (code, name) in enumerate(
        [("tinh-moi", "Tính mới"), ("tinh-kinh-te", "Tính kinh tế")], start=1
    ):
        Criterion.objects.create(
            movement=movement,
            code=code,
            name=name,
            order=order,
            weight=Decimal("1"),
            min_score=0,
            max_score=20,
        )
    Grade.objects.create(movement=movement, name="Xuất sắc", min_total=Decimal("32"))
    Grade.objects.create(movement=movement, name="Khá", min_total=Decimal("20"))
    campaign, _ = Campaign.objects.get_or_create(name="Người Việt Nam ưu tiên dùng hàng Việt Nam")
    MovementCampaign.objects.get_or_create(movement=movement, campaign=campaign)
    return movement


def complete_dossier(movement: Movement, unit: OrgUnit) -> dict:
    """The fields of a dossier that is ready to submit."""
    return {
        "kind": "initiative",
        "title": "Ứng dụng phần mềm quản lý hồ sơ hội viên",
        "round": movement.rounds.first(),
        "field": movement.fields.first(),
        "unit": unit,
        "summary": "Số hóa hồ sơ hội viên của Hội Nông dân xã.",
        "essence": "Xây dựng cơ sở dữ liệu hội viên và cập nhật trên điện thoại.",
        "first_applied_on": datetime.date(2018, 3, 1),
        "application_scope": "Các chi hội trong xã",
        "benefits": "Giảm thời gian tổng hợp báo cáo từ 5 ngày xuống 1 ngày.",
        "yearly_saving_vnd": 12_500_000,
        "conditions": "Có điện thoại thông minh",
    }


def dossier_form(movement: Movement, unit: OrgUnit, /, **overrides) -> dict:
    """What the dossier page posts to submit a complete dossier with one author (of two rows);
    `overrides` change or add fields (`**{"authors-0-share": "70"}`)."""
    return {
        "kind": "initiative",
        "title": "Sổ tay điện tử cho tổ hòa giải",
        "round": movement.rounds.first().pk,
        "field": movement.fields.first().pk,
        "unit": unit.pk,
        "summary": "Tóm tắt",
        "essence": "Bản chất",
        "first_applied_on": "15/03/2018",
        "application_scope": "Toàn xã",
        "benefits": "Rút ngắn thời gian hòa giải",
        "yearly_saving_vnd": "1250000",
        "conditions": "",
        "confidential_note": "",
        "authors-TOTAL_FORMS": "2",
        "authors-INITIAL_FORMS": "0",
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "30",
        "authors-0-full_name": "Trần Thị Hoa",
        "authors-0-unit_name": "Trường THCS Tân Hòa",
        "authors-0-position": "Giáo viên",
        "authors-0-share": "100",
        "action": "submit",
    } | overrides


ONE_AUTHOR = [{"full_name": "Trần Thị Hoa", "unit_name": "Hội Nông dân", "share": Decimal("100")}]
