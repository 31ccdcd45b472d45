"""A real browser (Debian's Chromium, driven by Playwright) against Django's live server.

One browser for all of them; each person of a journey gets a fresh browser context
(their own cookies, as on their own device). The tests are marked `e2e` and are skipped only
when Chromium is not installed.
"""

import os
import shutil
from pathlib import Path

import pytest

from ..certificates.conftest import commune_officer, configured  # noqa: F401  (fixtures)
from .journey import Journey

CHROMIUM = Path(os.environ.get("SANGTAO_E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM}")
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all the browser tests, closed after the last of them."""
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API keeps an event loop running in the test's thread, so Django
    # would refuse the tests' own ORM calls ("async context"); they are synchronous: allow them
    # while the browser is open, and only then.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def journey(request, browser, live_server, reference_data):
    """One journey: its screenshots go to test-artifacts/e2e/<test name>/."""
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    journey = Journey(browser=browser, base_url=live_server.url, artifacts=folder)
    yield journey
    report = getattr(request.node, "report_call", None)
    journey.close(failed=report is not None and report.failed)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.report_call = report  # the journey fixture screenshots the windows of a failure
    return report


@pytest.fixture
def council(movement, tree, people, configured):  # noqa: F811  (imported fixture)
    """What the commune's people set up before the round: its appraisal council (the
    secretary's, with a chair who signs in with an authenticator app and two members), and
    (`configured`) what the committee prints on its certificates: signer, seal and signature."""
    from sangtao.appraisal import services as appraisal
    from sangtao.appraisal.models import CouncilMember

    from ..factories import make_user
    from ..security.conftest import enrol

    council = appraisal.council_create(
        round=movement.rounds.first(),
        unit=tree["commune"],
        by=people["secretary"],
        data={"name": "Hội đồng thẩm định xã Tân Hòa năm 2018", "appraisers_per_initiative": 2},
    )
    council.chair = make_user("chutich", unit=tree["commune"], full_name="Phạm Văn Chủ")
    council.scorers = [
        make_user("uyvien1", unit=tree["commune"], full_name="Lê Thị Một"),
        make_user("uyvien2", unit=tree["district"], full_name="Võ Văn Hai"),
    ]
    seats = [
        (people["secretary"], CouncilMember.Role.SECRETARY),
        (council.chair, CouncilMember.Role.CHAIR),
        *((member, CouncilMember.Role.MEMBER) for member in council.scorers),
    ]
    for user, role in seats:
        appraisal.council_member_add(council=council, user=user, role=role, by=people["secretary"])
    council.chair_device = enrol(council.chair)
    return council
