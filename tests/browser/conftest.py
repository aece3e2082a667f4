"""Browser tests: Debian's Chromium driven by Playwright, never a downloaded browser.

Without /usr/bin/chromium they are skipped with a plain message; CI sets REQUIRE_BROWSER=1, which
turns that skip into a failure. Every page a journey visits is checked with axe-core.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SERIOUS = {"serious", "critical"}

# Playwright's sync API runs an event loop in this thread; the Django ORM calls made by the tests
# themselves (factories, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but /usr/bin/chromium is missing: install Debian's chromium.")
        pytest.skip("browser tests need Debian's chromium (apt-get install chromium): SKIPPED, not run")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, live_server):
    """Open a fresh browser (own cookies) at a given width; closes them all after the test."""
    contexts = []

    def make(width: int = 1024):
        context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
        context.set_default_timeout(60_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


class AccessibilityLog:
    """Collects serious and critical axe-core violations for every page checked (every violation, of any
    impact, when made with `every_impact=True`, as the pages added for issue 13 are held to)."""

    def __init__(self, every_impact: bool = False) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.every_impact = every_impact
        self.problems: list[str] = []
        self.pages: list[str] = []

    def check(self, page) -> None:
        results = self.axe.run(page)
        self.pages.append(page.url)
        for violation in results.response["violations"]:
            if self.every_impact or violation["impact"] in SERIOUS:
                targets = [node["target"] for node in violation["nodes"]][:3]
                self.problems.append(f"{page.url}: {violation['id']} ({violation['impact']}) {targets}")


@pytest.fixture
def axe():
    return AccessibilityLog()


@pytest.fixture
def axe_every_impact():
    return AccessibilityLog(every_impact=True)
