"""The dashboard in a real browser (Chromium): a district's leader opens it, the charts are
drawn by the vendored Chart.js under the site's Content-Security-Policy (no script error, no
request to another host), the page passes axe and fits a 375 px phone, cards first."""

import pytest
from playwright.sync_api import expect

from ..e2e.conftest import CHROMIUM, CHROMIUM_ARGS, journey  # noqa: F401  (fixture)
from ..e2e.journey import sign_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium is not installed at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def browser():
    """This module's own Chromium (tests/e2e's lives as long as that package): closed, and
    DJANGO_ALLOW_ASYNC_UNSAFE unset again, when this module's test is done."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


def test_a_leader_sees_the_district_at_a_glance_on_a_phone(journey, known, dashboard_people):  # noqa: F811
    window = journey.window("lanhdao")
    sign_in(window, username=dashboard_people["leader"].username)
    window.goto("/dashboard/?year=")
    expect(window.page.get_by_role("heading", level=1)).to_have_text("Bảng điều khiển")
    window.page.wait_for_function(
        "window.Chart && Chart.getChart(document.querySelector('canvas'))"
    )
    drawn = window.page.evaluate(
        "[...document.querySelectorAll('canvas')].filter(c => Chart.getChart(c)).length"
    )
    assert drawn == 8
    window.check("dashboard")
    # On a phone the cards come first, two a row.
    window.page.set_viewport_size({"width": 375, "height": 800})
    cards = window.page.locator("[data-figure]")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first["y"] == second["y"] and first["y"] < 300
    assert window.page.locator('[data-figure="submitted"]').inner_text() == "4"
