"""The officers' lists in a real browser at 1280 and 375 px: the clerk opens "Hồ sơ chờ xử lý"
from the home page, narrows it with the unit picker and the "waiting more than" box, then
goes to "Tất cả hồ sơ" and filters by state. Every page passes `Window.check` (axe, no
horizontal scroll at 375 px); on a phone the title, the state and the days waiting stay, the
other columns fold away."""

import datetime

import pytest
from playwright.sync_api import expect

from sangtao.initiatives import services
from sangtao.initiatives.models import Initiative

from ..factories import ONE_AUTHOR, complete_dossier
from . import journey as j

pytestmark = pytest.mark.e2e

LONG_TITLE = (
    "Ứng dụng phần mềm quản lý hồ sơ hội viên và số hóa toàn bộ sổ sách của chi hội "
    "nông dân trên điện thoại thông minh"
)


def _submitted(movement, unit, by, title, *, days):
    data = complete_dossier(movement, unit) | {"title": title}
    initiative = services.initiative_create(by=by, data=data, authors=ONE_AUTHOR)
    services.initiative_submit(initiative=initiative, by=by)
    since = initiative.state_since - datetime.timedelta(days=days)
    Initiative.objects.filter(pk=initiative.pk).update(state_since=since)
    return initiative


def _no_sideways_scroll(window: j.Window) -> None:
    width = window.page.evaluate("document.documentElement.scrollWidth")
    assert width <= j.NARROW["width"] + 1, f"{width} px wide at 375 px"


def test_officer_lists_at_desk_and_phone(journey, movement, tree, people):
    _submitted(movement, tree["school"], people["author"], LONG_TITLE, days=40)
    _submitted(movement, tree["school"], people["author"], "Vườn rau sạch trường học", days=5)
    _submitted(movement, tree["commune"], people["clerk"], "Tủ sách cộng đồng", days=12)
    clerk = journey.window("clerk")
    page = clerk.page
    j.sign_in(clerk, username=people["clerk"].username)
    j.open_unit_queue(clerk)

    table = clerk.main.get_by_role("table")
    expect(table.get_by_role("columnheader", name="Chờ (ngày)")).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(4)  # the header and three dossiers
    first = table.get_by_role("row").nth(1)
    expect(first.get_by_role("cell").last).to_have_text("40")

    # The unit picker: typed without tones, one unit picked, the page shows its dossiers.
    clerk.main.locator("#id_unit").fill("thcs tan hoa")
    clerk.main.get_by_role("radio", name="Trường THCS Tân Hòa").check()
    clerk.main.get_by_label("Chờ quá (ngày)").fill("30")
    clerk.main.get_by_role("button", name="Lọc").click()
    expect(table.get_by_role("link", name=LONG_TITLE)).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(2)
    clerk.check("queue-filtered")

    # On a phone: title, state and days waiting stay; the unit folds away.
    page.set_viewport_size(j.NARROW)
    expect(table.get_by_role("columnheader", name="Chờ (ngày)")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Trạng thái")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Đơn vị")).to_be_hidden()
    _no_sideways_scroll(clerk)
    page.set_viewport_size(j.DESKTOP)

    clerk.main.get_by_role("link", name="Tất cả hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tất cả hồ sơ")
    clerk.check("all-dossiers")
    clerk.main.get_by_label("Trạng thái").select_option(label="Đã nộp")
    clerk.main.get_by_label("Sắp xếp").select_option(label="Theo tên (A–Z)")
    clerk.main.get_by_role("button", name="Lọc").click()
    expect(clerk.main.get_by_role("table").get_by_role("row")).to_have_count(4)
    clerk.check("all-dossiers-filtered")

    page.set_viewport_size(j.NARROW)
    _no_sideways_scroll(clerk)
    page.set_viewport_size(j.DESKTOP)
