"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against pytest-django's live server.

Playwright's own browser downloads are never used (`playwright install` is not needed); CI installs the `chromium`
package. Without it, every test in this folder is skipped with a clear reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import PASSWORD

# Playwright's sync API runs an event loop in the test thread, which makes Django refuse ORM calls from fixtures
# such as `personas`. The live server runs in its own thread, so this is safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_DIR = Path(__file__).resolve().parent
REPO_ROOT = BROWSER_DIR.parents[1]
SCREENSHOTS = REPO_ROOT / "test-results" / "screenshots"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM} (apt install chromium)")
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative `page.goto("/…")` calls go to the live server. (Also replaces pytest-playwright's fallback
    fixture, which pytest 9 warns about.)"""
    return live_server.url


@pytest.fixture
def screenshot(page):
    """`screenshot("name")` saves test-results/screenshots/name.png and returns its path.

    pytest-playwright empties its --output folder (test-results/) at the start of every pytest session, including
    each xdist worker's, so the folder is created again right before each write rather than once up front.
    """

    def take(name: str, *, full_page: bool = True) -> Path:
        image = page.screenshot(full_page=full_page, animations="disabled")
        path = SCREENSHOTS / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(image)
        return path

    return take


@pytest.fixture
def sign_in(page):
    """`sign_in(user)` signs in through the real login form and returns the page on the landing URL."""

    def go(user, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.locator('input[name="login"]').fill(user.email)
        page.locator('input[name="password"]').fill(password)
        page.locator('form:has(input[name="login"]) [type="submit"]').click()
        page.wait_for_load_state()
        return page

    return go
