"""Fixtures of the tests: a browser on the built site, a throw-away snippet project."""
from __future__ import annotations

import pytest

from engine import chromium
from tests import support


@pytest.fixture(scope="session")
def browser():
    """Never skipped: with no browser at all, the browser tests fail and say what to do."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Python Playwright is missing: run `make venv` (it is in requirements.txt).", pytrace=False)
    with sync_playwright() as p:
        try:
            b = chromium.launch(p)
        except chromium.NoBrowser as exc:
            pytest.fail(str(exc), pytrace=False)
        yield b
        b.close()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with chromium.serve(built_site.path) as url:
        yield url


@pytest.fixture(scope="session")
def dead_port() -> int:
    with chromium.refusing_port() as port:
        yield port


@pytest.fixture(scope="module")
def tab(browser, site_url, dead_port):
    """A tab of a context that reaches nothing but the site, its system in light mode."""
    from tests.browser import check

    ctx = check.open_context(browser, site_url, dead_port)
    yield check.open_tab(ctx)
    check.close_context(ctx)


@pytest.fixture
def project(tmp_path) -> support.Project:
    return support.Project(tmp_path)
