"""The public side and the author's new steps, in a real browser at 1280 and 375 px: the
certificate verification linked from the home page and the footer, the help page and a
committee's contact, the ideas page's filters folded on a phone with its unit picker, signing
in with an e-mail address, a returned dossier's reason and the printed dossier. Every page
passes `Window.check`, and axe's best-practice rules (heading order, landmarks...) find
nothing on the pages this work changed."""

import pytest
from playwright.sync_api import expect

from sangtao.initiatives import services as initiative_services
from sangtao.orgs.services import unit_contact_set

from ..portal.conftest import publish  # noqa: F401  (fixture)
from . import journey as j

pytestmark = pytest.mark.e2e


def best_practice(window: j.Window, step: str) -> None:
    """axe's best-practice rules on the page now shown: none may fail, whatever its impact."""
    violations = window.page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: ["best-practice"]}, resultTypes: ["violations"],
            });
            return result.violations.map(v => v.id + ": " + v.nodes.map(n => n.target).join(", "));
        }"""
    )
    assert violations == [], f"{step}: {violations}"


def test_public_side_at_desk_and_phone(journey, tree, people, publish):  # noqa: F811
    unit_contact_set(
        unit=tree["province"],
        email="mttq@tayninh.example.vn",
        phone="0276 3822 101",
        by=None,  # the system's (as an import would)
    )
    publish(title="Sổ tay điện tử cho tổ hòa giải", unit=tree["school"])
    publish(title="Bảng tin lớp học", unit=tree["other_school"])
    public = journey.window("public")
    page = public.page

    public.goto("/")
    public.check("welcome")
    best_practice(public, "welcome")
    expect(public.main.get_by_role("link", name="Xác minh giấy chứng nhận")).to_be_visible()
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="Xác minh giấy chứng nhận")).to_be_visible()

    footer.get_by_role("link", name="Hướng dẫn và liên hệ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hướng dẫn và liên hệ")
    public.check("help")
    best_practice(public, "help")
    expect(public.main.get_by_role("link", name="mttq@tayninh.example.vn")).to_be_visible()
    public.main.get_by_role("link", name="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh")
    public.check("committee")
    best_practice(public, "committee")

    # The ideas page at a desk: the filters are open beside the search.
    public.goto("/ideas/")
    public.check("ideas")
    best_practice(public, "ideas")
    expect(public.main.get_by_label("Lĩnh vực")).to_be_visible()
    expect(public.main.get_by_role("link", name="Xác minh giấy chứng nhận")).to_be_visible()

    # On a phone: folded behind one button, the results come first.
    page.set_viewport_size(j.NARROW)
    page.reload()
    expect(public.main.get_by_label("Lĩnh vực")).to_be_hidden()
    results = public.main.get_by_role("region", name="Kết quả")
    assert results.bounding_box()["y"] < j.NARROW["height"]
    public.main.get_by_text("Bộ lọc", exact=True).click()
    expect(public.main.get_by_label("Lĩnh vực")).to_be_visible()
    public.main.locator("#id_unit").fill("tan chau")
    public.main.get_by_role("radio", name="Ủy ban MTTQ Việt Nam huyện Tân Châu").check()
    public.main.get_by_role("button", name="Tìm kiếm").click()
    expect(results.get_by_role("link", name="Sổ tay điện tử cho tổ hòa giải")).to_be_visible()
    expect(results.get_by_role("link", name="Bảng tin lớp học")).to_have_count(0)
    page.set_viewport_size(j.DESKTOP)
    public.check("ideas-by-unit")


def test_author_signs_in_by_e_mail_reads_the_return_and_prints(journey, movement, tree, people):
    from ..factories import ONE_AUTHOR, complete_dossier

    initiative = initiative_services.initiative_create(
        by=people["author"],
        data=complete_dossier(movement, tree["school"]) | {"title": "Sổ liên lạc điện tử"},
        authors=ONE_AUTHOR,
    )
    initiative_services.initiative_submit(initiative=initiative, by=people["author"])
    initiative_services.initiative_return(
        initiative=initiative, by=people["clerk"], reason="Thiếu bảng số liệu năm 2018."
    )

    author = journey.window("author")
    page = author.page
    j.sign_in(author, username="TacGia@example.vn")
    author.goto(f"/initiatives/{initiative.public_id}/")
    author.check("returned")
    best_practice(author, "returned")
    notice = author.main.get_by_role("status").filter(has_text="Hồ sơ bị trả lại: cần sửa gì")
    expect(notice).to_contain_text("Thiếu bảng số liệu năm 2018.")

    # Printed for the paper file: A4, numbered pages, no menu, no buttons.
    page.emulate_media(media="print")
    try:
        assert (
            page.evaluate("getComputedStyle(document.querySelector('nav.navbar')).display")
            == "none"
        )
        assert page.evaluate("getComputedStyle(document.querySelector('footer')).display") == "none"
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        size = page.evaluate(
            """() => [...document.styleSheets]
                .filter(s => (s.href || "").endsWith("/core/print.css"))
                .flatMap(s => [...s.cssRules])
                .filter(r => r instanceof CSSPageRule)
                .map(r => r.style.getPropertyValue("size"))"""
        )
        assert [value.upper() for value in size] == ["A4"]
        assert len(page.pdf(format="A4")) > 1000
    finally:
        page.emulate_media(media="screen")
