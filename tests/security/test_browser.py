"""In a real browser (Debian's Chromium): the pages keep the Content-Security-Policy (no
violation reported), and an officer signs in with password and one-time code."""

import os
from pathlib import Path

import pytest

from .conftest import PASSWORD, code

CHROMIUM = Path(os.environ.get("SANGTAO_E2E_CHROMIUM", "/usr/bin/chromium"))
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium is not installed at {CHROMIUM}"),
]

# Records every violation of the page's Content-Security-Policy.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API runs an event loop in this thread; the test's own ORM
    # calls are synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


def _page(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="vi-VN")
    context.add_init_script(WATCH)
    page = context.new_page()
    page.errors = []
    page.on(
        "console",
        lambda m: m.type == "error" and "favicon" not in m.location.get("url", "")
        and page.errors.append(m.text),
    )  # fmt: skip
    return page


def _clean(page) -> None:
    page.wait_for_load_state("load")
    assert page.evaluate("window.__violations") == [], page.url
    assert page.errors == [], page.url


def _sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    _clean(page)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Đăng nhập").click()


def test_pages_keep_the_policy_and_an_officer_gives_the_code(
    reference_data, browser, live_server, people
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    anonymous = _page(browser, live_server.url)
    for path in ["/", "/accounts/login/", "/accounts/password/reset/"]:
        anonymous.goto(path)
        _clean(anonymous)

    author = _page(browser, live_server.url)
    _sign_in(author, "tacgia")
    for path in ["/", "/initiatives/", "/initiatives/new/"]:
        author.goto(path)
        _clean(author)

    officer = _page(browser, live_server.url)
    _sign_in(officer, "phongtrao")
    officer.wait_for_url("**/accounts/two-factor/setup/**")
    _clean(officer)
    qr = officer.get_by_role("img", name="Mã QR chứa khóa cho ứng dụng xác thực")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 100")
    device = TOTPDevice.objects.get(user=people["officer"])
    officer.get_by_label("Mã trên ứng dụng xác thực").fill(code(device))
    officer.get_by_role("button", name="Bật đăng nhập hai lớp").click()
    officer.wait_for_url("**/accounts/two-factor/backup-codes/**")
    _clean(officer)
    main = officer.get_by_role("main").inner_text()
    assert "Đăng nhập hai lớp đã được bật" in main
    assert len(officer.locator("ol.backup-codes li").all_inner_texts()) == 10
    officer.get_by_role("link", name="Tôi đã cất giữ, tiếp tục").click()
    officer.wait_for_url(f"{live_server.url}/")
    officer.goto("/movements/")
    _clean(officer)
    assert officer.url == f"{live_server.url}/movements/"
