"""pytest plugin: the built site and the executed labs that the site and content tests read.

``--site DIR``: the site `make test` built (``python -m engine build --out site``); without
it, the first test that needs a site builds one into a temporary folder (the snippets'
figures and the labs are made first when missing: engine/build.py)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class BuiltSite:
    path: Path
    log: str = ""


def pytest_addoption(parser):
    parser.getgroup("site", "built site").addoption(
        "--site", metavar="DIR", help="a built site to check (make test builds site/); default: build one")


@pytest.fixture(scope="session")
def built_site(request) -> BuiltSite:
    given = request.config.getoption("site")
    if given:
        path = Path(given).resolve()
        if not (path / "index.html").exists():
            pytest.fail(f"--site {given}: no built site there (python -m engine build --out {given})", pytrace=False)
        yield BuiltSite(path)
        return
    folder = Path(tempfile.mkdtemp(prefix="built-site-"))
    root = request.config.rootpath
    proc = subprocess.run([sys.executable, "-m", "engine", "build", "--out", str(folder / "site")], cwd=root,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"the site does not build:\n{proc.stdout}{proc.stderr}", pytrace=False)
    yield BuiltSite(folder / "site", proc.stdout + proc.stderr)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def lab_values(request) -> dict[str, dict]:
    """Every lab's plain-data globals, {code path: values}, from its executed notebook
    (executed first when its code changed: `make test` has done it by then)."""
    from engine import labs

    root = request.config.rootpath
    labs.ensure_executed(root)
    return {code.relative_to(root).as_posix(): labs.values(root, code) for code in labs.code_files(root)}
