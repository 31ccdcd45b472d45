"""The demo's units: the real Front committees of Tây Ninh (`import_tay_ninh`), then the plan's
member organisations, state departments and participating units of the three districts of the
plan's first talks (IV.1: Thành phố Tây Ninh, Tân Châu, Gò Dầu), created by the demo's admin.

Steps of `manage.py demo_data` (see sangtao.demo.story): `tree` (10), `units` (30), in the tree
the plan knew, and `reform` (85), which puts them where they are today, after the history of
2019 is told."""

import datetime
from dataclasses import dataclass

from django.core.management import call_command

from .importers import MERGER_DAY, TAY_NINH_CODE
from .models import Level, OrgUnit, UnitKind, UnitSuccession
from .selectors import subtree_q
from .services import (
    committee_papers_update,
    position_add,
    unit_contact_set,
    unit_create,
    unit_move,
)

# The GSO codes of the plan's three districts (the imported Tây Ninh committee is found by its
# own code, TAY_NINH_CODE).
DISTRICT_CODES = {"tp_tay_ninh": "703", "tan_chau": "706", "go_dau": "710"}


@dataclass(frozen=True)
class Author:
    """A person who files initiatives for a unit (an account with the author role there)."""

    username: str
    full_name: str
    position: str


@dataclass(frozen=True)
class DemoUnit:
    key: str
    name: str
    short_name: str
    kind: str
    level: str
    parent: str  # "province" or a key of DISTRICT_CODES
    author: Author | None = None
    # The GSO code of the old commune (under `parent`) where a grassroots unit sat before
    # 1 July 2025: the unit starts under it and moves under the commune or ward that succeeded
    # it. A unit without one (a district's health centre or armed-force unit) moves under the
    # province committee.
    commune: str = ""


UNITS = [
    # The province committee's member organisations (section V.2 of the plan).
    DemoUnit(
        "hoi_phu_nu",
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        "Hội LHPN tỉnh",
        "member_org",
        "province",
        "province",
        Author("tacgia.phunu", "Võ Thị Ngọc Hân", "Chuyên viên Ban Tổ chức - Kiểm tra"),
    ),
    DemoUnit(
        "tinh_doan",
        "Tỉnh Đoàn Tây Ninh",
        "Tỉnh Đoàn",
        "member_org",
        "province",
        "province",
        Author("tacgia.doan", "Phạm Quốc Huy", "Chuyên viên Ban Phong trào Tỉnh Đoàn"),
    ),
    DemoUnit(
        "hoi_nong_dan",
        "Hội Nông dân tỉnh Tây Ninh",
        "Hội Nông dân tỉnh",
        "member_org",
        "province",
        "province",
        Author("tacgia.nongdan", "Đặng Văn Lộc", "Chuyên viên Ban Kinh tế - Xã hội"),
    ),
    DemoUnit(
        "hoi_ccb",
        "Hội Cựu chiến binh tỉnh Tây Ninh",
        "Hội CCB tỉnh",
        "member_org",
        "province",
        "province",
        Author("tacgia.ccb", "Huỳnh Văn Sáu", "Trưởng Ban Tổ chức - Kiểm tra"),
    ),
    DemoUnit(
        "ldld",
        "Liên đoàn Lao động tỉnh Tây Ninh",
        "LĐLĐ tỉnh",
        "member_org",
        "province",
        "province",
        Author("tacgia.congdoan", "Trần Thị Mỹ Linh", "Chuyên viên Ban Chính sách - Pháp luật"),
    ),
    DemoUnit(
        "lien_hiep_khkt",
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Tây Ninh",
        "Liên hiệp các Hội KH&KT tỉnh",
        "member_org",
        "province",
        "province",
        Author("tacgia.khkt", "Ngô Thanh Tùng", "Chuyên viên Văn phòng Liên hiệp Hội"),
    ),
    # State departments that cooperate (section V.3).
    DemoUnit(
        "so_khcn",
        "Sở Khoa học và Công nghệ tỉnh Tây Ninh",
        "Sở KH&CN",
        "state_agency",
        "province",
        "province",
        Author("tacgia.khcn", "Lâm Thị Kim Chi", "Chuyên viên Phòng Quản lý công nghệ"),
    ),
    DemoUnit(
        "so_noi_vu",
        "Sở Nội vụ tỉnh Tây Ninh",
        "Sở Nội vụ",
        "state_agency",
        "province",
        "province",
        Author("tacgia.noivu", "Bùi Văn Nam", "Chuyên viên Ban Thi đua - Khen thưởng"),
    ),
    DemoUnit(
        "so_gddt",
        "Sở Giáo dục và Đào tạo tỉnh Tây Ninh",
        "Sở GD&ĐT",
        "state_agency",
        "province",
        "province",
        Author("tacgia.gddt", "Dương Thị Bích Ngọc", "Chuyên viên Phòng Giáo dục Trung học"),
    ),
    # Participating units of Thành phố Tây Ninh.
    DemoUnit(
        "thpt_tay_ninh",
        "Trường THPT Tây Ninh",
        "THPT Tây Ninh",
        "school",
        "grassroots",
        "tp_tay_ninh",
        commune="25459",  # Phường 3, now Phường Tân Ninh
    ),  # the author is `tacgia`, one of the role accounts
    DemoUnit(
        "ttyt_tp",
        "Trung tâm Y tế Thành phố Tây Ninh",
        "TTYT Thành phố",
        "hospital",
        "district",
        "tp_tay_ninh",
        Author("tacgia.ytetp", "Phan Thanh Phong", "Bác sĩ, Trưởng khoa Khám bệnh"),
    ),
    DemoUnit(
        "co_khi",
        "Công ty TNHH Cơ khí Ninh Sơn",
        "Cơ khí Ninh Sơn",
        "enterprise",
        "grassroots",
        "tp_tay_ninh",
        Author("tacgia.cokhi", "Lý Văn Hải", "Quản đốc phân xưởng cơ khí"),
        commune="25480",  # Phường Ninh Sơn, now Phường Bình Minh
    ),
    # Tân Châu.
    DemoUnit(
        "ttyt_tan_chau",
        "Trung tâm Y tế huyện Tân Châu",
        "TTYT Tân Châu",
        "hospital",
        "district",
        "tan_chau",
        Author("tacgia.ytetc", "Đỗ Thị Hồng Nhung", "Điều dưỡng trưởng"),
    ),
    DemoUnit(
        "tinh_bot",
        "Công ty TNHH Chế biến Tinh bột mì Tân Châu",
        "Tinh bột mì Tân Châu",
        "enterprise",
        "grassroots",
        "tan_chau",
        Author("tacgia.tinhbot", "Châu Minh Trí", "Trưởng ca sản xuất"),
        commune="25525",  # Xã Tân Hội
    ),
    DemoUnit(
        "cong_an",
        "Công an huyện Tân Châu",
        "Công an Tân Châu",
        "armed_forces",
        "district",
        "tan_chau",
        Author(
            "tacgia.congan",
            "Nguyễn Hoàng Long",
            "Cán bộ Đội Cảnh sát quản lý hành chính về trật tự xã hội",
        ),
    ),
    DemoUnit(
        "khmer",
        "Cộng đồng đồng bào Khmer xã Tân Đông",
        "Đồng bào Khmer Tân Đông",
        "community",
        "grassroots",
        "tan_chau",
        Author("tacgia.khmer", "Thạch Văn Sang", "Người có uy tín trong đồng bào Khmer"),
        commune="25522",  # Xã Tân Đông
    ),
    DemoUnit(
        "tieu_hoc",
        "Trường Tiểu học Suối Ngô",
        "TH Suối Ngô",
        "school",
        "grassroots",
        "tan_chau",
        Author("tacgia.tieuhoc", "Cao Thị Thanh Thủy", "Giáo viên, Tổng phụ trách Đội"),
        commune="25531",  # Xã Suối Ngô, now Xã Tân Hòa
    ),
    # Gò Dầu.
    DemoUnit(
        "bchqs",
        "Ban Chỉ huy Quân sự huyện Gò Dầu",
        "BCHQS Gò Dầu",
        "armed_forces",
        "district",
        "go_dau",
        Author("tacgia.quansu", "Trương Quang Vinh", "Trợ lý Tham mưu"),
    ),
    DemoUnit(
        "thcs",
        "Trường THCS Thị trấn Gò Dầu",
        "THCS Thị trấn Gò Dầu",
        "school",
        "grassroots",
        "go_dau",
        Author("tacgia.thcs", "Hồ Thị Lan Anh", "Giáo viên Hóa học"),
        commune="25654",  # Thị trấn Gò Dầu, now Phường Gò Dầu
    ),
    DemoUnit(
        "htx",
        "Hợp tác xã Nông nghiệp Thạnh Đức",
        "HTX Thạnh Đức",
        "enterprise",
        "grassroots",
        "go_dau",
        Author("tacgia.htx", "Nguyễn Văn Út", "Giám đốc Hợp tác xã"),
        commune="25657",  # Xã Thạnh Đức
    ),
    DemoUnit(
        "cao_dai",
        "Ban Cai quản Họ đạo Cao Đài thị trấn Gò Dầu",
        "Họ đạo Cao Đài Gò Dầu",
        "community",
        "grassroots",
        "go_dau",
        Author("tacgia.caodai", "Lê Văn Thiện", "Chánh Trị sự, thành viên Ban Cai quản"),
        commune="25654",  # Thị trấn Gò Dầu, now Phường Gò Dầu
    ),
]


def tree(context) -> None:
    """Import the real tree; the plan's province committee and districts become `units`."""
    call_command("import_tay_ninh", stdout=context.stdout)
    context.units.update(_tree_of_the_plan())


def units(context) -> None:
    """The plan's units as the plan knew them: each under the province committee, one of its
    three districts or an old commune of a district (the tree before 1 July 2025)."""
    levels = {level.code: level for level in Level.objects.all()}
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    for demo_unit in UNITS:
        parent = context.units[demo_unit.parent]
        if demo_unit.commune:
            parent = parent.children.get(level__code="commune", official_code=demo_unit.commune)
        context.units[demo_unit.key] = unit_create(
            name=demo_unit.name,
            short_name=demo_unit.short_name,
            kind=kinds[demo_unit.kind],
            level=levels[demo_unit.level],
            parent=parent,
            by=context.admin,
        )
        context.result.units += 1


def reform(context) -> None:
    """The reform of 1 July 2025 (Resolutions 202/2025/QH15 and 1682/NQ-UBTVQH15): the district
    committees and the old communes closed, so every participating unit of a district moves
    under its successor in today's tree (the commune or ward that took over its old commune, as
    the importer's successions say), or under the province committee when it hung from the
    district itself (health centres, armed-force units). The move is the administrator's; the
    old committees keep their history."""
    province = context.units["province"]
    for demo_unit in UNITS:
        if demo_unit.parent == "province":
            continue
        unit = context.units[demo_unit.key]
        new_parent = province
        if demo_unit.commune:
            succession = (
                UnitSuccession.objects.filter(
                    predecessor_id=unit.parent_id, effective_on=MERGER_DAY
                )
                .select_related("successor")
                .order_by("kind", "id")
                .first()
            )
            new_parent = succession.successor
        context.units[demo_unit.key] = unit_move(unit=unit, new_parent=new_parent, by=context.admin)


# The province committee's Standing Board over the movement's years: who signs its papers on
# a given day (orgs.issuers). The chair signs "TM. BAN THƯỜNG TRỰC"; the vice-chair who chairs
# the appraisal council signs in the chair's place "KT. CHỦ TỊCH" (the honours of 2019).
PROVINCE_PRINTED_NAME = "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"
BOARD = [  # full name, rank, title, from, until
    (
        "Nguyễn Thành Tâm",
        "head",
        "Chủ tịch",
        datetime.date(2014, 10, 1),
        datetime.date(2024, 9, 30),
    ),
    ("Trần Văn Hùng", "head", "Chủ tịch", datetime.date(2024, 10, 1), None),
    ("Đoàn Văn Trung", "deputy", "Phó Chủ tịch", datetime.date(2016, 6, 1), None),
]


def committee(context) -> None:
    """The province committee's printed name and its board's positions over the years."""
    province = context.units["province"]
    committee_papers_update(unit=province, by=context.admin, printed_name=PROVINCE_PRINTED_NAME)
    for order, (name, rank, title, starts_on, ends_on) in enumerate(BOARD):
        position_add(
            unit=province,
            by=context.admin,
            full_name=name,
            rank=rank,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            order=order,
        )


# Where the public reaches the committees that appraise (invented addresses of the demo).
CONTACTS = {
    "province": ("bantuyengiao.mttq@tayninh.example.vn", "0276 3822 101"),
    "hoi_phu_nu": ("hoiphunu@tayninh.example.vn", "0276 3822 202"),
}


def contacts(context) -> None:
    """The public contacts of the province committee and the Women's Union (help page)."""
    for key, (email, phone) in CONTACTS.items():
        unit_contact_set(unit=context.units[key], email=email, phone=phone, by=context.admin)


STEPS = [(10, tree), (25, committee), (30, units), (31, contacts), (85, reform)]


def _tree_of_the_plan() -> dict[str, OrgUnit]:
    """The imported Tây Ninh committee and its three districts of the plan's first talks."""
    province = OrgUnit.objects.get(
        level__code="province",
        kind__code="front_committee",
        official_code=TAY_NINH_CODE,
        valid_to__isnull=True,
    )
    districts = {
        unit.official_code: unit
        for unit in OrgUnit.objects.filter(
            subtree_q(province.path),
            level__code="district",
            official_code__in=DISTRICT_CODES.values(),
        )
    }
    return {
        "province": province,
        **{key: districts[code] for key, code in DISTRICT_CODES.items()},
    }
