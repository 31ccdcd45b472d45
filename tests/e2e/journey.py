"""The steps of a journey through Sáng tạo, as people take it in a real browser.

A `Journey` holds one browser; each person in it gets a `Window` (a browser context of their
own: their cookies, as on their own device). A step is a plain function of a window that acts
as the person would, by the Vietnamese names on screen (labels, buttons, links), and checks
every page it lands on with `Window.check`:

- axe-core, with the WCAG 2 A/AA and best-practice rules, finds no violation of impact
  "serious" or "critical", and no "moderate" one but those listed in ALLOWED_MODERATE;
- at 1280 px and at 375 px the page is no wider than the screen (the failure names the page
  and its widest elements) and no table hides columns in a box that scrolls sideways;
- what it shows is Vietnamese: no English tell-tale ("None", "Submit"...), no raw code of a
  choice ("submitted"...), dates as dd/mm/yyyy, money as 1.250.000 đ, percentages as 50%;
- Bootstrap's stylesheet is applied, the page is in Vietnamese, no script failed, no request
  failed, and no request went to a host other than the live server (every asset is vendored);
- a screenshot at 1280 px and one at 375 px are saved under test-artifacts/e2e/<test>/.

The steps follow the initiative: filing and submitting, forwarding, assigning the council's
members, scoring, deciding and sealing, issuing and downloading the certificate, verifying it
in public, and finding the initiative in the public idea database; then the movement's
periodic report: opening a period, each unit writing and sending its report, the level above
rolling them up and downloading its DOCX.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from playwright.sync_api import Browser, BrowserContext, Page, expect

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PASSWORD = "mat-khau-thu-nghiem"  # tests/factories.py:make_user
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 375, "height": 800}
BLOCKING_IMPACTS = {"serious", "critical"}
# axe's rule sets run on every page: WCAG 2 A and AA, and its best practices (heading order,
# landmarks, one main...).
AXE_TAGS = ["wcag2a", "wcag2aa", "best-practice"]
# The moderate findings a page may have, each with why it is accepted. Empty: none is.
ALLOWED_MODERATE: dict[str, str] = {}
# Vietnamese words that lost their tones (a search's folded terms shown as they are): none of
# these is a word without its tones.
TONELESS = re.compile(
    r"\b(nguoi|duoc|khong|viec|lien lac|sang kien|don vi|ho so|chung nhan|thanh vien|"
    r"hoi dong|tham dinh|ung dung|phan mem|hoc sinh|quan ly|xep loai|cong nhan)\b",
)
# English a page must not show: words of Python, of Django's defaults and of a form left
# untranslated, and the months' names (dates are dd/mm/yyyy).
ENGLISH = re.compile(
    r"\b(None|True|False|Submit|Save|Cancel|Delete|Search|Next|Previous|required|"
    r"This field|Invalid|Select|Choose|Loading|Error|Not found|Forbidden|Page \d|"
    r"January|February|March|April|June|July|August|September|October|November|December|"
    r"a\.m\.|p\.m\.|midnight|noon)\b"
)


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
            # No transitions: axe reads a button's colours as they end, not halfway through a
            # hover that the click left behind.
            reduced_motion="reduce",
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
        self.page.on("requestfailed", self._on_request_failed)
        self.page.on("response", self._on_response)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", self._on_console)

    def _on_request(self, request) -> None:
        url = request.url
        if urlsplit(url).scheme in {"data", "blob", "about"}:
            return
        if _origin(url) != self.journey.origin:
            self.foreign.append(url)

    def _on_request_failed(self, request) -> None:
        # A request the browser cancels because the person moved on (they saved the form while
        # the novelty panel, asked for as they typed, was still loading) is no failure.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url} ({request.failure})")

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

        self._check_axe(name)
        self._check_language(name)
        for viewport in (DESKTOP, NARROW):
            page.set_viewport_size(viewport)
            try:
                if viewport is NARROW:
                    page.screenshot(path=self.journey.artifacts / f"{name}-375.png", full_page=True)
                self._check_width(name, viewport["width"])
            finally:
                page.set_viewport_size(DESKTOP)

    def _check_axe(self, name: str) -> None:
        """No serious or critical violation; a moderate one only if the test lists it."""
        violations = self._axe()
        self.journey.findings += [
            {"page": name, "url": self.page.url, **violation} for violation in violations
        ]
        blocking = [
            v
            for v in violations
            if v["impact"] in BLOCKING_IMPACTS
            or (v["impact"] == "moderate" and v["id"] not in ALLOWED_MODERATE)
        ]
        assert blocking == [], f"{name}: accessibility violations:\n" + "\n".join(
            f"  {v['impact']} {v['id']}: {v['help']}\n"
            + "".join(f"    at {t}: {w}\n" for t, w in zip(v["targets"], v["why"], strict=True))
            for v in blocking
        )

    def _check_width(self, name: str, width: int) -> None:
        """The page is no wider than the screen, and no list hides columns in a box of its
        own that scrolls sideways (a wide table of figures may, if it says so: .table-scroll)."""
        page = self.page
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wide, (
            f"{name}: {page.evaluate('document.documentElement.scrollWidth')} px wide at "
            f"{width} px, it scrolls sideways (widest: {self._widest()})"
        )
        clipped = page.evaluate(
            """() => [...document.querySelectorAll("main table, main .table-responsive")]
                .filter(e => !e.closest(".table-scroll") && e.scrollWidth > e.clientWidth + 1)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`
                          + ` (${e.scrollWidth} px in ${e.clientWidth} px: `
                          + `${(e.querySelector("th, td") || e).innerText.slice(0, 40)}…)`)"""
        )
        assert clipped == [], f"{name}: at {width} px a list hides its columns: {clipped}"

    def _check_language(self, name: str) -> None:
        """What the page shows (and reads out: labels, titles, alternatives) is Vietnamese:
        no English tell-tale, no raw code, dates as dd/mm/yyyy, money as 1.250.000 đ."""
        text = self.page.evaluate(
            """() => [document.title, document.body.innerText,
                ...[...document.querySelectorAll("[aria-label], [title], [placeholder], img[alt]")]
                   .flatMap(e => ["aria-label", "title", "placeholder", "alt"]
                       .map(a => e.getAttribute(a) || ""))].join("\\n")"""
        )
        found = language_problems(text)
        assert found == [], f"{name}: not in Vietnamese as shown to people: {found}"

    def _axe(self) -> list[dict]:
        return self.page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {
                    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
                });
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map(n => n.target.join(" ")),
                    why: v.nodes.map(n => n.failureSummary + " " + n.html.slice(0, 200)),
                }));
            }""",
            AXE_TAGS,
        )

    def _widest(self) -> list[str]:
        """The elements that stick out furthest to the right, innermost first, to say what
        to fix."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll("body *")]
                .map(e => [e, e.getBoundingClientRect().right])
                .filter(([e, right]) => right > window.innerWidth + 1)
                .sort((a, b) => b[1] - a[1] || (a[0].contains(b[0]) ? 1 : -1))
                .slice(0, 3)
                .map(([e, right]) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                    + (e.classList.length ? "." + [...e.classList].join(".") : "")
                    + ` (to ${Math.round(right)} px: “${(e.innerText || "").slice(0, 40)}”)`)"""
        )

    @property
    def main(self):
        return self.page.get_by_role("main")

    def expect_message(self, text: str) -> None:
        expect(self.main.get_by_role("status").filter(has_text=text)).to_be_visible()


@functools.cache
def raw_codes() -> re.Pattern:
    """The codes our models store for a choice (“submitted”, “under_review”...), each of
    which a page must show by its Vietnamese label."""
    codes = {
        value
        for model in apps.get_models()
        for field in model._meta.get_fields()
        for value, label in getattr(field, "choices", None) or ()
        if isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_]+", value) and value != label
    }
    return re.compile(r"(?<![\w./-])(" + "|".join(sorted(codes, key=len, reverse=True)) + r")\b")


def language_problems(text: str) -> list[str]:
    """What in `text` is not shown as a Vietnamese reader expects it, each with its context.

    What a person typed and the page quotes back (“...”, as a search's title does) is theirs
    and is left out, but for its dates and figures."""
    typed = re.compile(r"“[^”\n]*”")

    def where(match: re.Match) -> str:
        seen = match.string
        line = seen[max(0, match.start() - 30) : match.end() + 30].replace("\n", " ⏎ ")
        return f"{match.group(0)!r} in “{line}”"

    checks = [
        re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),  # an ISO date
        re.compile(
            r"\b(?!\d{2}/(0[1-9]|1[0-2])/\d{4}\b)\d{1,2}/\d{1,2}/\d{2,4}\b"
        ),  # not dd/mm/yyyy
        re.compile(r"\b\d{1,3}(,\d{3})+\s*(đ|đồng|VNĐ|VND)\b"),  # 1,250,000 đ
        re.compile(r"\b\d{4,}\s*(đ|đồng|VNĐ|VND)\b"),  # 1250000 đ
        re.compile(r"\d\s+%"),  # 50 % (Vietnamese writes 50%)
    ]
    words = typed.sub("“…”", text)
    return [where(match) for check in checks for match in check.finditer(text)] + [
        where(match)
        for check in (ENGLISH, raw_codes(), TONELESS)
        for match in check.finditer(words)
    ]


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
    # The first author row, which the form fills in from the filer's profile and links to
    # their account ("Tôi là tác giả này"): the name and unit it shows, the position typed.
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


def sign_in(
    window: Window,
    *,
    username: str,
    password: str = PASSWORD,
    one_time_code: Callable[[], str] | None = None,
) -> None:
    """From the welcome page, through the login form (and, for those who must, the code from
    their authenticator app: `one_time_code` reads it off the phone) to their home page."""
    window.goto("/")
    window.check("welcome", once=True)
    window.main.get_by_role("link", name="Đăng nhập").click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    window.check("login", once=True)
    window.main.get_by_label("Tên đăng nhập").fill(username)
    window.main.get_by_label("Mật khẩu").fill(password)
    window.main.get_by_role("button", name="Đăng nhập").click()
    if one_time_code is not None:
        give_code(window, one_time_code)
    expect(window.page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Xin chào, "))
    expect(window.page.get_by_role("button", name=re.compile(r"^Đăng xuất"))).to_be_attached()
    window.check("home")


def file_initiative(window: Window, dossier: Dossier) -> str:
    """From the home page: type a new dossier (its first author row is the filer, offered by
    the form) and save it as a draft. Returns its page's path."""
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
    expect(author.get_by_role("checkbox", name="Tôi là tác giả này")).to_be_checked()
    expect(author.get_by_role("textbox", name="Họ và tên")).to_have_value(dossier.author_name)
    expect(author.get_by_role("textbox", name="Đơn vị")).to_have_value(dossier.author_unit)
    share = author.get_by_role("spinbutton", name="Tỷ lệ đóng góp")
    expect(share).to_have_value(dossier.author_share)
    author.get_by_role("textbox", name="Chức vụ").fill(dossier.author_position)
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
    """On the dossier's page: submit it to the author's unit, confirming on its summary."""
    window.main.get_by_role("link", name="Nộp cho đơn vị").click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Nộp hồ sơ")
    window.check("submit-confirm")
    window.main.get_by_role("button", name="Xác nhận và nộp").click()
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
    """On the dossier's page: the clerk opens the forward page, sees the council, confirms."""
    window.main.get_by_role("link", name="Chuyển Hội đồng thẩm định").click()
    window.main.get_by_role("button", name="Xác nhận chuyển hồ sơ").click()
    window.expect_message("Sáng kiến đã được chuyển đến Hội đồng thẩm định")
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


def give_code(window: Window, one_time_code: Callable[[], str]) -> None:
    """After the password: the second step of signing in, the code the person's app shows."""
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Bước thứ hai của đăng nhập")
    window.check("two-factor", once=True)
    window.main.get_by_label("Mã trên ứng dụng xác thực").fill(one_time_code())
    window.main.get_by_role("button", name="Tiếp tục").click()


def _menu(window: Window, name: str) -> None:
    window.page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name=name, exact=True
    ).click()


# --- the appraisal council ---------------------------------------------------------------


def print_page(window: Window, path: Path) -> str:
    """Print the page now shown, as the browser's "Print" does (print media, A4), to the PDF
    `path`; returns its text, page by page (form feeds between pages), as pdftotext reads it."""
    window.page.emulate_media(media="print")
    try:
        window.page.pdf(path=path, format="A4")
    finally:
        window.page.emulate_media(media="screen")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def open_council(window: Window, name: str) -> None:
    """From the main menu: the councils the person sits on, then one of them."""
    _menu(window, "Hội đồng thẩm định")
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Hội đồng thẩm định")
    window.check("councils")
    window.main.get_by_role("link", name=name).click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text(name)
    window.check("council")


def assign(window: Window, title: str, *, member: str) -> None:
    """On the council's page: tick the initiative and the member (shown with their seat and
    sheets to fill), assign by hand."""
    window.main.get_by_role("checkbox", name=title).check()
    window.main.get_by_role("checkbox", name=re.compile("^" + re.escape(member) + " ")).check()
    window.main.get_by_role("button", name="Giao chấm các sáng kiến đã đánh dấu").click()
    window.expect_message(f"{member} sẽ chấm “{title}”.")
    window.check("assigned")


def open_score_sheets(window: Window) -> None:
    """From the main menu: the member's score sheets."""
    _menu(window, "Phiếu chấm của tôi")
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Phiếu chấm của tôi")
    window.check("score-sheets")


def score(window: Window, title: str, scores: dict[str, str], *, comment: str) -> None:
    """From the member's list: open the initiative's sheet, score each criterion (with a
    comment), tick the confirmation and submit."""
    window.main.get_by_role("link", name=title).click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text(title)
    window.check("sheet")
    for criterion, value in scores.items():
        window.main.get_by_role("textbox", name=f"Điểm “{criterion}”").fill(value)
    window.main.get_by_role("textbox", name="Nhận xét chung").fill(comment)
    window.main.get_by_role("checkbox", name="Tôi đã kiểm tra phiếu chấm này").check()
    window.check("sheet-typed")
    window.main.get_by_role("button", name="Nộp phiếu").click()
    window.expect_message("Đã nộp phiếu chấm của bạn.")
    window.check("sheet-submitted")


def open_results(window: Window, title: str) -> None:
    """On the council's page: the initiative's results (its sheets and the council's figures)."""
    window.main.get_by_role("row").filter(has_text=title).get_by_role(
        "link", name="kết quả"
    ).click()
    expect(window.main.get_by_role("heading", level=2, name=title)).to_be_visible()
    window.check("results")


def sheet_totals(window: Window) -> dict[str, str]:
    """On an initiative's results: each member's total, by the member's name."""
    totals = {}
    for card in window.main.locator("article.card").all():
        name = card.get_by_role("heading", level=3).inner_text().split("·")[0].strip()
        totals[name] = card.locator(".card-header strong").inner_text().split(":")[-1].strip()
    return totals


def council_figure(window: Window, label: str) -> str:
    """On an initiative's results: one of the council's figures, by its label."""
    return _described(window.main.get_by_role("region", name="Kết quả chấm của hội đồng"), label)


def _described(scope, label: str) -> str:
    """In a description list: the text described by the term `label`."""
    term = scope.locator("dt", has_text=label)
    return term.locator("xpath=following-sibling::dd[1]").inner_text()


def decide(window: Window, *, outcome: str, grade: str) -> None:
    """On an initiative's results: record the council's decision."""
    window.main.get_by_role("radio", name=outcome, exact=True).check()
    window.main.get_by_label("Xếp loại (khi công nhận)").select_option(label=grade)
    window.main.get_by_role("button", name="Ghi quyết định").click()
    window.expect_message("Đã ghi nhận quyết định của hội đồng.")
    window.check("decided")


def open_ranking(window: Window) -> None:
    """On the council's page: the ranking table of the weighted totals."""
    window.main.get_by_role("link", name="Bảng xếp hạng").click()
    window.check("ranking")


def seal(window: Window) -> None:
    """From the council's page: what sealing means, then seal the results."""
    window.main.get_by_role("link", name="Niêm phong kết quả").click()
    expect(window.main.get_by_role("heading", level=2, name="Niêm phong kết quả")).to_be_visible()
    window.check("seal")
    # The meeting's date (asked for, defaulting to nothing): the council met today.
    window.main.get_by_label("Ngày họp").fill(datetime.date.today().isoformat())
    window.main.get_by_role("button", name="Đồng ý, niêm phong kết quả").click()
    window.expect_message("Đã niêm phong kết quả")
    window.check("sealed")


# --- certificates ------------------------------------------------------------------------


def issue_certificates(window: Window, *, decision_number: str) -> None:
    """On the sealed council's page: issue its certificates under the recognition decision
    (dated, by default, the day of the seal)."""
    window.main.get_by_label("Số quyết định công nhận").fill(decision_number)
    window.main.get_by_role("button", name="Cấp giấy chứng nhận").click()
    window.expect_message("giấy chứng nhận (từ số")
    window.check("certificates-issued")


def open_my_certificates(window: Window) -> None:
    """From the main menu: the person's certificates."""
    _menu(window, "Giấy chứng nhận của tôi")
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Giấy chứng nhận của tôi")
    window.check("my-certificates")


def download_certificate(window: Window, holder: str) -> bytes:
    """From "My certificates": open the holder's certificate and download its PDF."""
    window.main.get_by_role("row").filter(has_text=holder).get_by_role("link").first.click()
    expect(window.page.get_by_role("heading", level=1)).to_contain_text("Giấy chứng nhận số")
    window.check("certificate")
    with window.page.expect_download() as download:
        window.main.get_by_role("link", name="Tải về (PDF)").click()
    return Path(download.value.path()).read_bytes()


def verify_link(window: Window, url: str) -> None:
    """Open the verification link printed under the certificate's QR code."""
    window.goto(url)
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Tra cứu giấy chứng nhận")
    window.check("verified-by-link")


def verify_by_code(window: Window, *, serial: str, check_code: str) -> None:
    """On the public verification form: the serial number and check code of the paper."""
    window.goto("/certificates/verify/")
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Tra cứu giấy chứng nhận")
    window.check("verify-form")
    window.main.get_by_role("textbox", name="Số hiệu").fill(serial)
    window.main.get_by_role("textbox", name="Mã kiểm tra in trên giấy chứng nhận").fill(check_code)
    window.main.get_by_role("button", name="Tra cứu").click()
    window.expect_message("Giấy chứng nhận thật")
    window.check("verified-by-code")


def verified_field(window: Window, label: str) -> str:
    """On a certificate's verification page: one line of what it attests, by its label."""
    return _described(window.main, label)


# --- the public idea database ------------------------------------------------------------


def search_ideas(window: Window, words: str) -> None:
    """From the welcome page, through the main menu: search the idea database."""
    window.goto("/")
    window.check("welcome", once=True)
    _menu(window, "Cơ sở dữ liệu sáng kiến")
    expect(window.page.get_by_role("heading", level=1)).to_have_text(
        "Cơ sở dữ liệu ý tưởng, sáng kiến"
    )
    window.check("ideas")
    window.main.get_by_role("textbox", name="Tìm kiếm").press_sequentially(words)
    window.main.get_by_role("button", name="Tìm kiếm").click()
    expect(window.page).to_have_url(re.compile(r"[?&]q="))
    window.check("ideas-found")


def open_idea(window: Window, title: str) -> None:
    """From the search results: the initiative's public page."""
    window.main.get_by_role("region", name="Kết quả").get_by_role("link", name=title).click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text(title)
    window.check("idea")


# --- periodic reports --------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """What a movement officer types into the form that opens a report period."""

    movement: str
    kind: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    deadline: datetime.date
    level: str
    receiver: str


def open_periods(window: Window) -> None:
    """From the main menu: the report periods the person takes part in."""
    _menu(window, "Báo cáo")
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Báo cáo định kỳ")
    window.check("periods")


def _field(label: str) -> re.Pattern:
    """A required field's label: the label and the star after it."""
    return re.compile("^" + re.escape(label) + r"( \*)?$")


def open_report_period(window: Window, period: Period, *, units: int) -> None:
    """From the periods: type the period, preview the `units` that must report, tick the
    receiver and open it (the plan's indicators and sections as offered)."""
    window.main.get_by_role("link", name="Mở kỳ báo cáo").click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Mở kỳ báo cáo")
    window.check("period-form")
    form = window.main
    form.get_by_label(_field("Phong trào")).select_option(label=period.movement)
    form.get_by_label(_field("Loại báo cáo")).select_option(label=period.kind)
    form.get_by_role("textbox", name="Tên kỳ báo cáo").fill(period.title)
    form.get_by_label(_field("Từ ngày")).fill(period.starts_on.isoformat())
    form.get_by_label(_field("Đến ngày")).fill(period.ends_on.isoformat())
    form.get_by_label(_field("Hạn nộp báo cáo")).fill(period.deadline.isoformat())
    form.get_by_role("checkbox", name=period.level, exact=True).check()
    form.get_by_role("button", name="Xem trước các đơn vị phải báo cáo").click()
    expect(window.main.get_by_role("heading", name=f"{units} đơn vị phải báo cáo")).to_be_visible()
    window.check("period-preview")
    window.main.get_by_role("checkbox", name=period.receiver, exact=True).check()
    window.main.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text(period.title)
    window.check("period")


def open_period(window: Window, title: str) -> None:
    """From the periods: one period, with the reports the person may open."""
    window.main.get_by_role("link", name=title).click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text(title)
    window.check("period")


def open_report(window: Window, unit: str) -> None:
    """From a period's page: a unit's report."""
    window.main.get_by_role("link", name=unit, exact=True).click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text(unit)
    window.check("report")


def report_figure(window: Window, indicator: str) -> str:
    """On a report's page: an indicator's reported figure."""
    row = window.main.get_by_role("table", name="Số liệu").get_by_role("row", name=indicator)
    return row.get_by_role("cell").nth(1).inner_text()


def write_report(
    window: Window, *, results: str, number: str = "", signer: tuple[str, str] = ("", "")
) -> None:
    """On a report's page: write its narrative (and number and signer), keeping the figures
    the platform computed, and save."""
    window.main.get_by_role("link", name="Sửa số liệu và nội dung").click()
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Sửa báo cáo")
    window.check("report-form")
    window.main.get_by_role("textbox", name="Kết quả đạt được").fill(results)
    window.main.get_by_role("textbox", name="Số văn bản").fill(number)
    window.main.get_by_role("textbox", name="Chức danh người ký").fill(signer[0])
    window.main.get_by_role("textbox", name="Họ tên người ký").fill(signer[1])
    window.main.get_by_role("button", name="Lưu").click()
    expect(window.main.get_by_text(results)).to_be_visible()
    window.check("report-written")


def send_report(window: Window) -> None:
    """On a report's page: send it to the level above (and the receivers)."""
    window.main.get_by_role("button", name="Gửi báo cáo").click()
    expect(window.main.locator(".badge").first).to_have_text("Đã gửi")
    window.check("report-sent")


def download_report(window: Window) -> bytes:
    """On a report's page: its DOCX."""
    with window.page.expect_download() as download:
        window.main.get_by_role("link", name="Tải DOCX").click()
    return Path(download.value.path()).read_bytes()
