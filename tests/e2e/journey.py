"""The steps of a journey through Sáng tạo, as people take it in a real browser.

A `Journey` holds one browser; each person in it gets a `Window` (a browser context of their
own: their cookies, as on their own device). A step is a plain function of a window that acts
as the person would, by the Vietnamese names on screen (labels, buttons, links), and checks
every page it lands on with `Window.check`:

- axe-core finds no accessibility violation of impact "serious" or "critical";
- the page fits a 375 px wide screen (no horizontal scroll);
- Bootstrap's stylesheet is applied, the page is in Vietnamese, no script failed, no request
  failed, and no request went to a host other than the live server (every asset is vendored);
- a screenshot at 1280 px and one at 375 px are saved under test-artifacts/e2e/<test>/.

Later steps (scoring, sealing, certificates, public search) append functions here.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, expect

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PASSWORD = "mat-khau-thu-nghiem"  # tests/factories.py:make_user
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 375, "height": 800}
BLOCKING_IMPACTS = {"serious", "critical"}


class Journey:
    """One browser session of a test: the people's windows and what the pages asked for."""

    def __init__(self, *, browser: Browser, base_url: str, artifacts: Path):
        self.browser = browser
        self.base_url = base_url.rstrip("/")
        self.origin = _origin(self.base_url)
        self.artifacts = artifacts
        self.shots = 0
        self.findings: list[dict] = []  # every axe violation, also the minor ones
        self.checked: set[str] = set()
        self.windows: list[Window] = []

    def window(self, who: str) -> Window:
        context = self.browser.new_context(
            viewport=DESKTOP,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            base_url=self.base_url,
        )
        context.set_default_timeout(10_000)
        # Added to every page the way DevTools does it, so the site's Content-Security-Policy
        # (script-src 'self') neither blocks it nor has to be loosened for the tests.
        context.add_init_script(path=AXE)
        window = Window(self, who, context)
        self.windows.append(window)
        return window

    def close(self, *, failed: bool = False) -> None:
        """Save what was found (and, after a failure, each window as it was left); close."""
        (self.artifacts / "axe.json").write_text(
            json.dumps(self.findings, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        for window in self.windows:
            if failed:
                window.page.screenshot(
                    path=self.artifacts / f"failed-{window.who}.png", full_page=True
                )
            window.page.context.close()


class Window:
    """One person's browser tab, with what went wrong on it since the last check."""

    def __init__(self, journey: Journey, who: str, context: BrowserContext):
        self.journey = journey
        self.who = who
        self.page: Page = context.new_page()
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", self._on_request)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response", self._on_response)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", self._on_console)

    def _on_request(self, request) -> None:
        url = request.url
        if urlsplit(url).scheme in {"data", "blob", "about"}:
            return
        if _origin(url) != self.journey.origin:
            self.foreign.append(url)

    def _on_console(self, message) -> None:
        # The browser asks for /favicon.ico by itself; the site has none (yet).
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(f"{message.text} ({message.location.get('url')})")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} ({response.status})")

    def goto(self, path: str) -> None:
        self.page.goto(path)

    def check(self, step: str, *, once: bool = False) -> None:
        """Check the page now shown and save its screenshots; fails the test on a problem.

        `once`: the page is the same for everyone (a page before signing in), so it is
        checked the first time it is met in the journey only.
        """
        page = self.page
        page.wait_for_load_state("load")
        if once and step in self.journey.checked:
            return
        self.journey.checked.add(step)
        name = f"{self.journey.shots:02d}-{self.who}-{step}"
        self.journey.shots += 1
        page.screenshot(path=self.journey.artifacts / f"{name}.png", full_page=True)

        assert self.foreign == [], f"{name}: requests to other hosts: {self.foreign}"
        assert self.failed == [], f"{name}: failed requests: {self.failed}"
        assert self.errors == [], f"{name}: script errors: {self.errors}"
        assert page.evaluate("document.documentElement.lang") == "vi", name
        # Bootstrap's reboot sets the body's margin to 0 (a browser's own is 8 px).
        assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px", (
            f"{name}: Bootstrap's stylesheet is not applied"
        )

        violations = self._axe()
        self.journey.findings += [
            {"page": name, "url": page.url, **violation} for violation in violations
        ]
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert blocking == [], f"{name}: accessibility violations:\n" + "\n".join(
            f"  {v['impact']} {v['id']}: {v['help']}\n"
            + "".join(f"    at {t}: {w}\n" for t, w in zip(v["targets"], v["why"], strict=True))
            for v in blocking
        )

        page.set_viewport_size(NARROW)
        try:
            width = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=self.journey.artifacts / f"{name}-375.png", full_page=True)
            assert width <= NARROW["width"] + 1, (
                f"{name}: {width} px wide at {NARROW['width']} px, it scrolls sideways "
                f"(widest: {self._widest()})"
            )
        finally:
            page.set_viewport_size(DESKTOP)

    def _axe(self) -> list[dict]:
        return self.page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ["violations"]});
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map(n => n.target.join(" ")),
                    why: v.nodes.map(n => n.failureSummary),
                }));
            }"""
        )

    def _widest(self) -> list[str]:
        """The elements that stick out of the screen, to say what to fix."""
        return self.page.evaluate(
            """(limit) => [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > limit + 1)
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                          + (e.className ? "." + String(e.className).split(" ").join(".") : ""))""",
            NARROW["width"],
        )

    @property
    def main(self):
        return self.page.get_by_role("main")

    def expect_message(self, text: str) -> None:
        expect(self.main.get_by_role("status").filter(has_text=text)).to_be_visible()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# --- what a person types -----------------------------------------------------------------


@dataclass(frozen=True)
class Dossier:
    """What an author types into the dossier form, by what the form shows."""

    title: str
    round_name: str
    field_name: str
    summary: str
    essence: str
    first_applied_on: datetime.date
    application_scope: str
    benefits: str
    yearly_saving_vnd: int
    conditions: str
    author_name: str
    author_unit: str
    author_position: str
    author_share: str = "100"


def small_pdf(path: Path, text: str = "Thuyet minh sang kien") -> Path:
    """Write a real one-page PDF (with its cross-reference table) and return its path."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


# --- steps -------------------------------------------------------------------------------


def sign_in(window: Window, *, username: str, password: str = PASSWORD) -> None:
    """From the welcome page, through the login form, to the person's home page."""
    window.goto("/")
    window.check("welcome", once=True)
    window.main.get_by_role("link", name="Đăng nhập").click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    window.check("login", once=True)
    window.main.get_by_label("Tên đăng nhập").fill(username)
    window.main.get_by_label("Mật khẩu").fill(password)
    window.main.get_by_role("button", name="Đăng nhập").click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Xin chào, "))
    expect(window.page.get_by_role("button", name=re.compile(r"^Đăng xuất"))).to_be_attached()
    window.check("home")


def file_initiative(window: Window, dossier: Dossier) -> str:
    """From the home page: type a new dossier and save it as a draft. Returns its page's path."""
    window.main.get_by_role("link", name="Đăng ký sáng kiến mới").click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Đăng ký sáng kiến mới")
    window.check("new-initiative")
    form = window.main
    form.get_by_label("Loại").select_option(label="Sáng kiến")
    form.get_by_role("textbox", name="Tên sáng kiến").press_sequentially(dossier.title)
    form.get_by_label("Đợt").select_option(label=dossier.round_name)
    form.get_by_label("Lĩnh vực").select_option(label=dossier.field_name)
    form.get_by_role("textbox", name="Tóm tắt").fill(dossier.summary)
    form.get_by_role("textbox", name="Mô tả bản chất").fill(dossier.essence)
    form.get_by_label("Ngày áp dụng").fill(dossier.first_applied_on.isoformat())
    form.get_by_role("textbox", name="Phạm vi áp dụng").fill(dossier.application_scope)
    form.get_by_role("textbox", name="Hiệu quả, lợi ích").fill(dossier.benefits)
    form.get_by_role("spinbutton", name="Số tiền làm lợi").fill(str(dossier.yearly_saving_vnd))
    form.get_by_role("textbox", name="Điều kiện cần để áp dụng").fill(dossier.conditions)
    author = form.get_by_role("group", name="Tác giả 1")
    author.get_by_role("textbox", name="Họ và tên").fill(dossier.author_name)
    author.get_by_role("textbox", name="Đơn vị").fill(dossier.author_unit)
    author.get_by_role("textbox", name="Chức vụ").fill(dossier.author_position)
    author.get_by_role("spinbutton", name="Tỷ lệ đóng góp").fill(dossier.author_share)
    window.check("new-initiative-typed")
    form.get_by_role("button", name="Lưu bản nháp").click()
    window.expect_message("Đã lưu bản nháp.")
    expect(window.page.get_by_role("heading", level=1)).to_have_text(dossier.title)
    expect(window.main.locator(".state-badge")).to_have_text("Bản nháp")
    window.check("draft-saved")
    return urlsplit(window.page.url).path


def attach_file(window: Window, path: Path, *, description: str) -> None:
    """On the dossier's page: attach a file."""
    window.main.get_by_label("Tệp (PDF").set_input_files(path)
    window.main.get_by_role("textbox", name="Mô tả").fill(description)
    window.main.get_by_role("button", name="Đính kèm tệp").click()
    window.expect_message("Đã đính kèm tệp.")
    expect(window.main.get_by_role("link", name=path.name)).to_be_visible()
    window.check("file-attached")


def submit(window: Window) -> None:
    """On the dossier's page: submit it to the author's unit."""
    window.main.get_by_role("button", name="Nộp cho đơn vị").click()
    window.expect_message("Sáng kiến đã được nộp cho đơn vị.")
    expect(window.main.locator(".state-badge")).to_have_text("Đã nộp")
    window.check("submitted")


def open_unit_queue(window: Window) -> None:
    """From the home page: the initiatives waiting for the clerk's units."""
    window.main.get_by_role("link", name="Mở danh sách hồ sơ chờ xử lý").click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Hồ sơ chờ xử lý")
    window.check("unit-queue")


def open_initiative(window: Window, title: str) -> None:
    """From a list: open one initiative by its title."""
    window.main.get_by_role("link", name=title).click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text(title)
    window.check("initiative")


def forward(window: Window) -> None:
    """On the dossier's page: the clerk forwards it to the appraisal council."""
    window.main.get_by_role("button", name="Chuyển Hội đồng thẩm định").click()
    window.expect_message("Sáng kiến đã được chuyển đến Hội đồng thẩm định.")
    expect(window.main.locator(".state-badge")).to_have_text("Đang thẩm định")
    window.check("forwarded")


def open_my_initiatives(window: Window) -> None:
    """From the main menu: the author's own initiatives."""
    window.page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name="Sáng kiến của tôi"
    ).click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Sáng kiến của tôi")
    window.check("my-initiatives")


def history(window: Window) -> list[str]:
    """The dossier's history as shown, oldest first, each entry's text without its date."""
    entries = window.page.get_by_role("complementary").get_by_role("listitem")
    return [" ".join(text.split("·", 1)[-1].split()) for text in entries.all_inner_texts()]
