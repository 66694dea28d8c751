"""Fixtures shared by the site tests: one strict build of the real site per session
(made in the background while other tests run), served on localhost, and a headless
Chromium driven by Playwright."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


class BuiltSite:
    def __init__(self, path: Path, log: str, ok: bool = True):
        self.path, self.log, self.ok = path, log, ok


# What runs in the background while pytest goes on with other tests:
# "labs": the labs' kernels (a Future of lab_values), started at collection;
# "site": the site build (a Future of BuiltSite), started once the last snippet has run
# (the snippets draw the figures the site shows); then, in the same thread, the
# browser's checks of every page and of the dark figures ("verdicts", run by
# tests/test_browser.py's check_pages in a process of its own).
_BACKGROUND: dict = {}


def _rank(item) -> int:
    """Run order: snippets and tests that need no built site first, then the site's
    tests, the browser's, and last those that read a verdict of the background checks."""
    names = getattr(item, "fixturenames", ())
    if "built_site" not in names:
        return 0
    if item.get_closest_marker("browser") is None:
        return 1
    return 3 if "verdicts" in names else 2


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=_rank)  # stable: in each group, the order of collection


def pytest_collection_finish(session):
    """Start at once, in the background, what the selected tests will need:

    - the labs' kernels (processes of their own, one thread each, one lab at a time),
      on the second core while this process runs the snippets (one thread);
    - the site build, when the last snippet has run (at once when no snippet runs),
      followed by the browser's checks whose verdicts the selected tests read.
    """
    from concurrent.futures import ThreadPoolExecutor

    items = session.items
    if any("lab_values" in getattr(item, "fixturenames", ()) for item in items):
        from hooks import labs

        pool = ThreadPoolExecutor(max_workers=1)
        _BACKGROUND["labs"] = pool.submit(labs.execute_all, ROOT, workers=1)  # one core; the other runs pytest
        pool.shutdown(wait=False)
    if any("built_site" in getattr(item, "fixturenames", ()) for item in items):
        from tests import test_browser

        readers = [item for item in items if "verdicts" in getattr(item, "fixturenames", ())]
        if unknown := [item.nodeid for item in readers if test_browser.job_of(item) is None]:
            raise pytest.UsageError(f"tests/test_browser.py's job_of has no background job for {unknown}")
        _BACKGROUND["jobs"] = [test_browser.job_of(item) for item in readers]
        snippets = [item for item in items if Path(str(item.path)).is_relative_to(ROOT / "snippets")]
        if snippets:
            # A plugin, not a hook of this conftest: those see only the items under tests/.
            session.config.pluginmanager.register(_StartSiteAfter(snippets[-1].nodeid, session.config), "start-site-after")
        else:
            _start_site(session.config)


class _StartSiteAfter:
    def __init__(self, nodeid: str, config):
        self.nodeid, self.config = nodeid, config

    def pytest_runtest_logfinish(self, nodeid, location):
        if nodeid == self.nodeid:
            _start_site(self.config)



def _start_site(config=None) -> None:
    """Build the site in a thread (the build itself is a process of its own on the
    other core), then check every page in the browser there; both go on while pytest
    runs the other tests."""
    from concurrent.futures import Future

    from tests import test_browser

    if "site" in _BACKGROUND:
        return
    future = _BACKGROUND["site"] = Future()
    verdicts = _BACKGROUND["verdicts"] = test_browser.Verdicts()

    keep = config.getoption("keep_site") if config is not None else None

    def run():
        try:
            site = _build_site(Path(keep).resolve() if keep else None)
        except BaseException as exc:  # noqa: BLE001 - handed to the fixture that waits for it
            future.set_exception(exc)
            verdicts.fail(f"the site was not built: {type(exc).__name__}: {exc}")
            return
        future.set_result(site)
        if not site.ok:
            verdicts.fail("the site does not build")
        elif _BACKGROUND.get("jobs"):
            try:
                test_browser.check_pages_in_a_process(site.path, _BACKGROUND["jobs"], verdicts)
            except BaseException as exc:  # noqa: BLE001 - else the waiting tests would time out
                verdicts.fail(f"the browser's background checks did not run: {type(exc).__name__}: {exc}")

    thread = _BACKGROUND["thread"] = threading.Thread(target=run, name="site build and browser checks", daemon=True)
    thread.start()


def background_checks_done(timeout: float = 600.0) -> None:
    """Wait until the thread that builds the site and runs the browser's background
    checks has finished (if one was started)."""
    if "thread" in _BACKGROUND:
        _BACKGROUND["thread"].join(timeout)


def _build_site(keep: Path | None = None) -> BuiltSite:
    """The real site, built with `scripts/build_site.py` (strict, both languages), once
    the labs ran (it renders their executed cells); into keep (--keep-site: make site)
    when given, else into a temporary folder."""
    if "labs" in _BACKGROUND:
        try:
            _BACKGROUND["labs"].result()
        except Exception:  # noqa: BLE001 - lab_values reports it; the build then fails on its own
            pass
    if keep is None:
        out = Path(tempfile.mkdtemp(prefix="built-site-")) / "site"
        _BACKGROUND.setdefault("cleanup", []).append(out.parent)
    else:
        out = keep
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    return BuiltSite(out, proc.stdout + proc.stderr, ok=proc.returncode == 0)


def pytest_sessionfinish(session, exitstatus):
    if any(item.get_closest_marker("browser") for item in getattr(session, "items", [])):
        from tests import test_browser

        if session.shouldstop or session.shouldfail or exitstatus == pytest.ExitCode.INTERRUPTED:
            test_browser.STOPPED.set()  # -x, --maxfail or Ctrl-C: no test waits for them
            for proc in test_browser.RUNNING:
                proc.kill()
        background_checks_done()  # their counts come with their last message
        test_browser.write_summary()
    for folder in _BACKGROUND.pop("cleanup", []):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def lab_values() -> dict[str, dict]:
    """Every lab executed once per test run: {code path: its plain-data globals}.

    The executed cells land in build/labs/ (or $LABS_DIR: make drift), where the site
    build takes them from.
    """
    from hooks import labs

    if "labs" in _BACKGROUND:
        return _BACKGROUND["labs"].result()
    return labs.execute_all(ROOT)


@pytest.fixture(scope="session")
def built_site(request, lab_values) -> BuiltSite:
    """The real site, built once (in the background, see pytest_collection_finish).

    In `make test` the snippets have run by then, so the figures they draw exist; the
    labs were executed once by ``lab_values``.
    """
    _start_site(request.config)  # when nothing started it (no hook ran: a plugin reordered the items)
    site = _BACKGROUND["site"].result()
    if not site.ok:
        pytest.fail(f"the site does not build:\n{site.log}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def verdicts(built_site):
    """What the browser's background checks found, job by job (tests/test_browser.py:
    check_pages; a test's job is job_of(its item))."""
    return _BACKGROUND["verdicts"]


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


@contextlib.contextmanager
def refusing_port():
    """A port on 127.0.0.1 that refuses every connection (bound, never listening):
    the browser's proxy for every host but the site's, so nothing leaves the machine."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@pytest.fixture(scope="session")
def dead_port() -> int:
    with refusing_port() as port:
        yield port


NO_CHROMIUM = ("No Chromium for the browser tests: run `sudo apt-get install chromium fonts-wqy-microhei` "
               "(`make test` does it when run as root), or set CHROMIUM=/path/to/chromium.")


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class NoBrowser(Exception):
    """Chromium is missing or does not start; the message says what to do."""


def launch(playwright):
    """Debian's Chromium (or $CHROMIUM); else a browser Playwright installed itself."""
    exe = find_chromium()
    try:
        options = {"executable_path": exe} if exe else {}
        return playwright.chromium.launch(args=CHROMIUM_ARGS, headless=True, **options)
    except Exception as exc:  # noqa: BLE001 - Playwright's launch errors
        if exe:
            raise NoBrowser(f"Chromium at {exe} did not start: {str(exc).splitlines()[0]}") from None
        raise NoBrowser(NO_CHROMIUM) from None


@pytest.fixture(scope="session")
def browser():
    """Never skipped: with no browser at all, the browser tests fail and say what to do."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Python Playwright is missing: run `make venv` (it is in requirements.txt).", pytrace=False)
    with sync_playwright() as p:
        try:
            b = launch(p)
        except NoBrowser as exc:
            pytest.fail(str(exc), pytrace=False)
        yield b
        b.close()
