"""Setting a council up in a few clicks, in a real browser at 1280 and 375 px: the secretary
finds two people by part of their name typed without tones, ticks them with a role each and
seats them in one go, then hands the initiative to both at once; the chair, told whose sheet is
missing, seals only after ticking the confirmation. Every page passes `Window.check` (no
sideways scroll at 375 px, axe's serious and critical rules), and the members page is checked
again at 375 px with the picker's answer open."""

import datetime

import pytest
from playwright.sync_api import expect

from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import Assignment
from sangtao.initiatives import services as initiative_services
from sangtao.movements.models import Grade

from ..factories import ONE_AUTHOR, complete_dossier, make_user
from ..security.conftest import code
from . import journey as j

pytestmark = pytest.mark.e2e

TITLE = "Sổ theo dõi hòa giải ở cơ sở trên điện thoại"


def no_sideways_scroll(window: j.Window, step: str) -> None:
    """At 375 px as it is now (an htmx answer open, say): the page is no wider than the screen,
    and no table scrolls sideways inside its box (hiding a column people need)."""
    page = window.page
    page.set_viewport_size(j.NARROW)
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= j.NARROW["width"] + 1, f"{step}: {width} px wide at 375 px"
        boxes = page.evaluate(
            """() => [...document.querySelectorAll(".table-responsive, table")]
                .filter(e => e.scrollWidth > e.clientWidth + 1)
                .map(e => e.tagName.toLowerCase() + ": " + e.scrollWidth + " px")"""
        )
        assert boxes == [], f"{step}: tables wider than their box at 375 px: {boxes}"
    finally:
        page.set_viewport_size(j.DESKTOP)


@pytest.fixture
def forwarded(movement, tree, people):
    data = complete_dossier(movement, tree["school"]) | {"title": TITLE}
    initiative = initiative_services.initiative_create(
        by=people["author"], data=data, authors=ONE_AUTHOR
    )
    initiative_services.initiative_submit(initiative=initiative, by=people["author"])
    initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
    return initiative


def test_council_set_up_in_a_few_clicks_at_desk_and_phone(
    journey, tree, people, council, forwarded
):
    make_user("lqbao", unit=tree["commune"], full_name="Lâm Quốc Bảo")
    make_user("tthanh", unit=tree["district"], full_name="Trần Thị Hạnh")

    secretary = journey.window("secretary")
    j.sign_in(secretary, username=people["secretary"].username)
    j.open_council(secretary, council.name)
    secretary.main.get_by_role("link", name="Thành viên", exact=True).click()
    expect(
        secretary.main.get_by_role("heading", level=2, name="Thêm người vào hội đồng")
    ).to_be_visible()
    secretary.check("members")

    # Typed without tones, found live; ticked with a role; a second search keeps the first.
    search = secretary.main.get_by_role("searchbox", name="Tìm người để đưa vào hội đồng")
    search.fill("lam quoc bao")
    bao = secretary.main.get_by_role("checkbox", name="Lâm Quốc Bảo", exact=False)
    bao.check()
    secretary.main.get_by_label("Vai trò của Lâm Quốc Bảo").select_option(label="Chuyên gia mời")
    search.fill("tran thi hanh")
    secretary.main.get_by_role("checkbox", name="Trần Thị Hạnh", exact=False).check()
    expect(bao).to_be_checked()
    no_sideways_scroll(secretary, "members-picked")
    secretary.main.get_by_role("button", name="Đưa những người đã đánh dấu vào hội đồng").click()
    secretary.expect_message(
        "Đã thêm 2 người vào hội đồng: Lâm Quốc Bảo (chuyên gia mời), Trần Thị Hạnh (thành viên)."
    )
    secretary.check("members-added")
    no_sideways_scroll(secretary, "members-added")

    # The initiative to both, at once, from the queue (the expert is invited for none: the
    # secretary assigns the two members who score it).
    secretary.main.get_by_role("link", name="Danh sách sáng kiến", exact=True).click()
    secretary.main.get_by_role("checkbox", name=TITLE).check()
    for name in ("Lê Thị Một", "Trần Thị Hạnh"):
        secretary.main.get_by_role("checkbox", name=name, exact=False).check()
    secretary.main.get_by_role("button", name="Giao chấm các sáng kiến đã đánh dấu").click()
    secretary.expect_message("Đã giao 2 phiếu chấm.")
    secretary.check("assigned-at-once")
    no_sideways_scroll(secretary, "assigned-at-once")
    assert Assignment.objects.filter(council=council).count() == 2

    # One sheet in, one missing; the council decides; the chair is told whose is missing.
    sheet = Assignment.objects.get(council=council, member__user__username="uyvien1")
    appraisal.sheet_save(
        assignment=sheet,
        by=sheet.member.user,
        scores={c.pk: ("17", "") for c in council.round.movement.criteria.all()},
        submit=True,
    )
    grade = Grade.objects.get(movement=council.round.movement, name="Xuất sắc")
    appraisal.decision_record(
        council=council, initiative=forwarded, outcome="recognised", grade=grade, by=council.chair
    )
    chair = journey.window("chair")
    j.sign_in(
        chair, username=council.chair.username, one_time_code=lambda: code(council.chair_device, 1)
    )
    j.open_council(chair, council.name)
    chair.main.get_by_role("link", name="Niêm phong kết quả").click()
    warning = chair.main.get_by_role("region", name="Còn thiếu 1 phiếu chấm")
    expect(warning.get_by_role("listitem")).to_have_text([f"Trần Thị Hạnh — “{TITLE}”"])
    chair.check("seal-missing")
    chair.main.get_by_label("Ngày họp").fill(datetime.date.today().isoformat())
    chair.main.get_by_role("button", name="Đồng ý, niêm phong kết quả").click()
    expect(chair.main.get_by_text("hãy đánh dấu xác nhận nếu vẫn niêm phong")).to_be_visible()
    chair.check("seal-refused")
    chair.main.get_by_label("Ngày họp").fill(datetime.date.today().isoformat())
    chair.main.get_by_role("checkbox", name="Tôi biết còn thiếu các phiếu chấm này").check()
    chair.main.get_by_role("button", name="Đồng ý, niêm phong kết quả").click()
    chair.expect_message("Đã niêm phong kết quả")
    chair.check("sealed-with-missing")
