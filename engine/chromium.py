"""A headless Chromium (Debian's, driven by Playwright) against a built site served on
localhost, offline: what the browser checks and ``make bench`` use."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import threading
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
MISSING = ("No Chromium for the browser checks: run `sudo apt-get install chromium fonts-wqy-microhei` "
           "(`make test` does it when run as root), or set CHROMIUM=/path/to/chromium.")


class NoBrowser(Exception):
    """Chromium is missing or does not start; the message says what to do."""


def find() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch(playwright):
    """Debian's Chromium (or $CHROMIUM); else a browser Playwright installed itself."""
    exe = find()
    try:
        return playwright.chromium.launch(args=ARGS, headless=True, **({"executable_path": exe} if exe else {}))
    except Exception as exc:
        if exe:
            raise NoBrowser(f"Chromium at {exe} did not start: {str(exc).splitlines()[0]}") from None
        raise NoBrowser(MISSING) from None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, handler_class=QuietHandler):
    """Serve a folder on 127.0.0.1 (a free port); yields its URL, ending in '/'."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def refusing_port():
    """A port on 127.0.0.1 that refuses every connection (bound, never listening): the
    browser's proxy for every host but the site's, so nothing leaves the machine."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]
