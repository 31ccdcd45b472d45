"""The demo's people: one account per role (the README's table) and one author per unit of
the plan that files initiatives, all with the demo's shared password (here only, never in
settings).

Steps of `manage.py demo_data` (see sangtao.demo.story): `admin` (20), before the units it
creates, and `people` (40), who work in those units."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from sangtao.orgs.demo import UNITS
from sangtao.orgs.models import OrgUnit

from .models import Role, User
from .services import role_grant, user_create

DEMO_PASSWORD = "sangtao2020"


@dataclass(frozen=True)
class RoleAccount:
    """One sign-in account per role: the accounts of the README's table."""

    username: str
    role: str
    full_name: str
    position: str
    unit: str  # where the person works: "province" or a key of UNITS
    role_unit: str  # where the role applies (that unit and its subtree)


ROLE_ACCOUNTS = [
    RoleAccount(
        "tacgia",
        Role.AUTHOR,
        "Nguyễn Thị Thu Hà",
        "Giáo viên Tin học",
        "thpt_tay_ninh",
        "thpt_tay_ninh",
    ),
    RoleAccount(
        "vanthu",
        Role.CLERK,
        "Trần Thị Kim Yến",
        "Chuyên viên Văn phòng Ủy ban MTTQ Việt Nam tỉnh",
        "province",
        "province",
    ),
    RoleAccount(
        "phongtrao",
        Role.OFFICER,
        "Võ Minh Khoa",
        "Trưởng Ban Phong trào Ủy ban MTTQ Việt Nam tỉnh",
        "province",
        "province",
    ),
    RoleAccount(
        "thuky",
        Role.SECRETARY,
        "Phạm Thị Thanh Tâm",
        "Chuyên viên Ban Phong trào, Thư ký Hội đồng thẩm định cấp tỉnh",
        "province",
        "province",
    ),
    RoleAccount(
        "uyvien",
        Role.COUNCIL_MEMBER,
        "Lâm Quốc Bảo",
        "Trưởng phòng Quản lý khoa học, thành viên Hội đồng thẩm định cấp tỉnh",
        "so_khcn",
        "province",
    ),
    RoleAccount(
        "lanhdao",
        Role.LEADER,
        "Đoàn Văn Trung",
        "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
        "province",
        "province",
    ),
    RoleAccount(
        "quantri",
        Role.ADMIN,
        "Lê Hoàng Phúc",
        "Quản trị hệ thống",
        "province",
        "province",
    ),
]


# The staff of the open round of 2026 beside the role accounts: the province committee's
# author of its own initiative (nobody who sits on its council), and the Women's Union's
# clerk and leader, who run its council of 2026 and, with the Youth Union's clerk, write the
# six-month reports.
STAFF_ACCOUNTS = [
    RoleAccount(
        "tacgia.mttq",
        Role.AUTHOR,
        "Nguyễn Ngọc Thảo",
        "Chuyên viên Ban Dân chủ - Pháp luật Ủy ban MTTQ Việt Nam tỉnh",
        "province",
        "province",
    ),
    RoleAccount(
        "vanthu.phunu",
        Role.CLERK,
        "Lý Thị Mỹ Duyên",
        "Chuyên viên Văn phòng Hội Liên hiệp Phụ nữ tỉnh",
        "hoi_phu_nu",
        "hoi_phu_nu",
    ),
    RoleAccount(
        "lanhdao.phunu",
        Role.LEADER,
        "Trần Thị Bích Thủy",
        "Phó Chủ tịch Hội Liên hiệp Phụ nữ tỉnh",
        "hoi_phu_nu",
        "hoi_phu_nu",
    ),
    RoleAccount(
        "vanthu.doan",
        Role.CLERK,
        "Huỳnh Tấn Phát",
        "Chuyên viên Văn phòng Tỉnh Đoàn",
        "tinh_doan",
        "tinh_doan",
    ),
]


def present() -> bool:
    """True when one of the demo's accounts is already in the database."""
    usernames = [account.username for account in ROLE_ACCOUNTS + STAFF_ACCOUNTS] + [
        unit.author.username for unit in UNITS if unit.author
    ]
    return User.objects.filter(username__in=usernames).exists()


def admin(context) -> None:
    """The administrator, who creates the plan's units and the other accounts."""
    context.password_hash = make_password(DEMO_PASSWORD)  # one slow hash for every account
    account = ROLE_ACCOUNTS[-1]
    province = context.units["province"]
    context.admin = user_create(
        username=account.username,
        full_name=account.full_name,
        position=account.position,
        unit=province,
        password_hash=context.password_hash,
        is_staff=True,
        is_superuser=True,
        by=None,
    )
    role_grant(user=context.admin, role=account.role, unit=province, by=None)
    context.people[context.admin.username] = context.admin
    context.result.accounts += 1


def people(context) -> None:
    """The role accounts, then each unit's author; `filers` names who files for each unit."""
    units, admin = context.units, context.admin
    for account in ROLE_ACCOUNTS[:-1] + STAFF_ACCOUNTS:
        context.people[account.username] = _person(
            account.username,
            account.full_name,
            account.position,
            units[account.unit],
            account.role,
            units[account.role_unit],
            context.password_hash,
            admin,
        )
        context.result.accounts += 1
    context.filers.update(
        {"province": context.people["tacgia.mttq"], "thpt_tay_ninh": context.people["tacgia"]}
    )
    for demo_unit in UNITS:
        if demo_unit.author:
            unit = units[demo_unit.key]
            context.filers[demo_unit.key] = _person(
                demo_unit.author.username,
                demo_unit.author.full_name,
                demo_unit.author.position,
                unit,
                Role.AUTHOR,
                unit,
                context.password_hash,
                admin,
            )
            context.result.accounts += 1


STEPS = [(20, admin), (40, people)]


def _person(
    username: str,
    full_name: str,
    position: str,
    unit: OrgUnit,
    role: str,
    role_unit: OrgUnit,
    password_hash: str,
    admin: User,
) -> User:
    person = user_create(
        username=username,
        full_name=full_name,
        position=position,
        unit=unit,
        password_hash=password_hash,
        by=admin,
    )
    role_grant(user=person, role=role, unit=role_unit, by=admin)
    return person
