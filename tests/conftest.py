"""Fixtures shared by the site tests: one strict build of the real site per session,
served on localhost, and a headless Chromium driven by Playwright."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


class BuiltSite:
    def __init__(self, path: Path, log: str):
        self.path, self.log = path, log


_LABS_EARLY: dict = {}


def pytest_collection_finish(session):
    """When the session needs the labs, start their kernels at once, in the background:
    they are processes of their own (one thread each) and run on the second core while
    this process runs the snippets (one thread) or, under make drift, the notebooks."""
    if any("lab_values" in getattr(item, "fixturenames", ()) for item in session.items):
        from concurrent.futures import ThreadPoolExecutor

        from hooks import labs

        pool = ThreadPoolExecutor(max_workers=1)
        _LABS_EARLY["future"] = pool.submit(labs.execute_all, ROOT, workers=1)  # one core; the other runs pytest
        pool.shutdown(wait=False)


@pytest.fixture(scope="session")
def lab_values() -> dict[str, dict]:
    """Every lab executed once per test run: {code path: its plain-data globals}.

    The executed cells land in build/labs/ (or $LABS_DIR: make drift), where the site
    build takes them from.
    """
    from hooks import labs

    if "future" in _LABS_EARLY:
        return _LABS_EARLY.pop("future").result()
    return labs.execute_all(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, lab_values) -> BuiltSite:
    """The real site, built once with `scripts/build_site.py` (strict, both languages).

    Snippets run before these tests in `make test` (testpaths order), so the figures
    they draw exist; the labs were executed once by ``lab_values``.
    """
    out = tmp_path_factory.mktemp("built") / "site"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"the site does not build:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return BuiltSite(out, proc.stdout + proc.stderr)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_directory(directory: Path, handler_class=_QuietHandler):
    """Serve a folder on 127.0.0.1 (a free port); yields its URL, ending in '/'."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with serve_directory(built_site.path) as url:
        yield url


@pytest.fixture(scope="session")
def dead_port() -> int:
    """A port on 127.0.0.1 that refuses every connection (bound, never listening):
    the browser's proxy for every host but the site's, so nothing leaves the machine."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


NO_CHROMIUM = ("No Chromium for the browser tests: run `sudo apt-get install chromium fonts-wqy-microhei` "
               "(`make test` does it when run as root), or set CHROMIUM=/path/to/chromium.")


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (or $CHROMIUM); else a browser Playwright installed itself.

    Never skipped: with no browser at all, the browser tests fail and say what to do.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Python Playwright is missing: run `make venv` (it is in requirements.txt).", pytrace=False)
    exe = find_chromium()
    with sync_playwright() as p:
        try:
            options = {"executable_path": exe} if exe else {}
            b = p.chromium.launch(args=CHROMIUM_ARGS, headless=True, **options)
        except Exception as exc:  # noqa: BLE001 - Playwright's launch errors
            if exe:
                pytest.fail(f"Chromium at {exe} did not start: {str(exc).splitlines()[0]}", pytrace=False)
            pytest.fail(NO_CHROMIUM, pytrace=False)
        yield b
        b.close()
