"""Run a snippet the way a reader runs ``python snippets/<chapter>/<file>.py``.

In-process mode (the default, fast): torch is imported once; before and after each
snippet the harness puts the process back into the starting state below, runs the
file as ``__main__`` with the repository root as working directory, and captures
everything written to ``sys.stdout`` and ``sys.stderr`` (one stream, in order, as a
terminal shows it), remembering which line of the snippet wrote each piece.

Standalone mode: a fresh ``python <file>`` process, as a reader runs it: no thread
count and no CPU kernel level are set (``OMP_NUM_THREADS``, ``MKL_NUM_THREADS`` and
``ATEN_CPU_CAPABILITY`` are removed from its environment).

The starting state (documented in CONTRIBUTING and on the site's about page):
- ``torch.manual_seed(0)``, ``random.seed(0)``, ``numpy.random.seed(0)``
  (snippets seed themselves anyway: a fresh process starts from a random seed);
- torch print options: the ``default`` profile (precision 4, sci_mode automatic);
  numpy print options: numpy's defaults;
- default dtype ``torch.float32``; grad mode on; anomaly detection and
  deterministic-algorithms mode off;
- one intra-op thread (``torch.set_num_threads(1)``), since sums can differ in the
  last digit between thread counts; ``--threads all`` (used by ``make
  test-portable``) runs with every core instead, and every output must hold there too;
- matplotlib backend ``Agg``, default rcParams, no open figures;
- cwd = the repository root; ``sys.argv = [<snippet path>]``; ``sys.path[0]`` = the
  snippet's folder; environment variables restored; Python's default warning filters.

Before the output is compared it is normalised the same way in both modes:
the repository path is made relative, object addresses (``at 0x7f…``) and the C++
source location at the end of PyTorch's warnings (``(Triggered internally at
/__w/pytorch/…/TensorBody.h:493.)``, which changes with every PyTorch build) are
masked, and tracebacks keep only the frames inside the snippet itself.
"""
from __future__ import annotations

import io
import os
import random
import re
import signal
import subprocess
import sys
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THREADS = 1  # intra-op threads in-process; set_threads() changes it for a session
SEED = 0
# Variables a reader does not set: standalone runs remove them from the environment.
STANDALONE_UNSET = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "ATEN_CPU_CAPABILITY")
STANDALONE_ENV = {
    "MPLBACKEND": "Agg",
    "PYTHONUNBUFFERED": "1",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONDONTWRITEBYTECODE": "1",
}
# Time a fresh process may take on top of a snippet's own limit (importing torch).
STANDALONE_STARTUP = 60.0

# The warning filters of a fresh `python` process (CPython 3.11, no -W options).
_DEFAULT_WARNING_FILTERS = [
    ("default", None, DeprecationWarning, "__main__", 0),
    ("ignore", None, DeprecationWarning, None, 0),
    ("ignore", None, PendingDeprecationWarning, None, 0),
    ("ignore", None, ImportWarning, None, 0),
    ("ignore", None, ResourceWarning, None, 0),
]


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """Python's own warning printer, always writing to the current sys.stderr.

    pytest records warnings by replacing warnings' internals; a replaced
    ``showwarning`` is called first, so this puts printing back for snippets.
    """
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


class SnippetTimeout(BaseException):
    """Raised inside a snippet that runs past its time limit."""


@dataclass
class RunResult:
    output: str  # normalised stdout and stderr, interleaved as printed
    sources: list[int | None] = field(default_factory=list)  # snippet line per output line
    exception: str | None = None  # printed name of the exception, e.g. "RuntimeError"
    message: str | None = None  # its message as printed
    timed_out: bool = False
    timeout_line: int | None = None
    compute: float = 0.0  # seconds spent inside the snippet
    total: float = 0.0  # seconds for the whole run, harness included


def rel(path: Path, root: Path = ROOT) -> str:
    return Path(path).resolve().relative_to(root).as_posix()


# ---------------------------------------------------------------- starting state
def set_threads(threads: int | str) -> int:
    """Intra-op threads for in-process runs: a number, or "all" for every core."""
    global THREADS
    THREADS = (os.cpu_count() or 1) if threads == "all" else int(threads)
    if THREADS < 1:
        raise ValueError(f"threads must be at least 1 or 'all', got {threads!r}")
    return THREADS


def warm_up() -> None:
    """Import what snippets use once per test session (torch alone takes ~1.5 s)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot
    import numpy  # noqa: F401
    import torch  # noqa: F401

    # Modules PyTorch imports on first use, whose import warns once per process (2.14.1:
    # forward mode's decompositions call the deprecated torch.jit.script). Imported here,
    # quietly, so that no snippet's output depends on which snippet ran first.
    for name in ("torch._decomp.decompositions_for_jvp",):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                __import__(name)
            except ImportError:
                pass
    cwd = os.getcwd()
    reset_state(Path(cwd))  # the first reset pays one-off costs (e.g. rcdefaults' font set-up)
    os.chdir(cwd)


_RC_DEFAULTS: dict | None = None  # matplotlib's rcParams right after rcdefaults()


def reset_state(root: Path = ROOT) -> None:
    """Put the process into the documented starting state."""
    import numpy as np
    import torch

    torch.set_grad_enabled(True)
    torch.autograd.set_detect_anomaly(False)
    if torch.are_deterministic_algorithms_enabled() or torch.is_deterministic_algorithms_warn_only_enabled():
        # only when a snippet switched it on: the call imports torch._inductor (1 s), which only
        # the snippets that use torch.func need; they pay for it as a reader's run does
        torch.use_deterministic_algorithms(False)
    torch.set_default_dtype(torch.float32)
    torch.set_printoptions(profile="default", sci_mode=None)
    torch.set_num_threads(THREADS)
    torch.manual_seed(SEED)
    random.seed(SEED)
    np.random.seed(SEED)
    np.set_printoptions(
        precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False,
        nanstr="nan", infstr="inf", formatter=None, sign="-", floatmode="maxprec", legacy=False,
    )
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - matplotlib is in requirements.txt
        pass
    else:
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        if plt.get_fignums():
            plt.close("all")
        global _RC_DEFAULTS
        if _RC_DEFAULTS is None or dict.__ne__(matplotlib.rcParams, _RC_DEFAULTS):
            matplotlib.rcdefaults()  # ~5 ms: only when a snippet changed a setting
            _RC_DEFAULTS = dict(matplotlib.rcParams)
    os.chdir(root)
    warnings.resetwarnings()
    for action, _message, category, module, lineno in reversed(_DEFAULT_WARNING_FILTERS):
        warnings.filterwarnings(action, category=category, module=module or "", lineno=lineno)
    warnings.showwarning = _show_warning  # print to sys.stderr, as a fresh process does


# ---------------------------------------------------------------- capture
class _Capture(io.TextIOBase):
    """A text stream that records which snippet line wrote each piece."""

    def __init__(self, filename: str):
        self.filename = filename
        self.pieces: list[tuple[str, int | None]] = []

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return "utf-8"

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        frame, line = sys._getframe(1), None
        while frame is not None:
            if frame.f_code.co_filename == self.filename:
                line = frame.f_lineno
                break
            frame = frame.f_back
        self.pieces.append((text, line))
        return len(text)

    def lines(self) -> list[tuple[str, int | None]]:
        """Split into lines; each line is attributed to the write that started it."""
        out: list[tuple[str, int | None]] = []
        current, source, open_line = "", None, False
        for text, line in self.pieces:
            for part in text.splitlines(keepends=True):
                if not open_line:
                    source = line
                current += part
                open_line = not part.endswith("\n")
                if not open_line:
                    out.append((current, source))
                    current = ""
        if current:
            out.append((current, source))
        return out


def _alarm(signum, frame):
    raise SnippetTimeout()


def run_inprocess(path: Path, timeout: float, root: Path = ROOT) -> RunResult:
    """Run one snippet in this process from the starting state, then restore it."""
    started = time.perf_counter()
    path = Path(path).resolve()
    filename = str(path)
    code = compile(path.read_text(encoding="utf-8"), filename, "exec")
    capture = _Capture(filename)
    saved = (sys.stdout, sys.stderr, sys.argv[:], sys.path[:], os.getcwd(), dict(os.environ),
             warnings.showwarning)
    saved_filters = warnings.filters[:]
    reset_state(root)
    namespace = {"__name__": "__main__", "__file__": filename, "__builtins__": __builtins__,
                 "__doc__": None, "__package__": None, "__spec__": None, "__loader__": None}
    sys.argv = [filename]
    sys.path.insert(0, str(path.parent))
    exc: BaseException | None = None
    timed_out, timeout_line = False, None
    previous = signal.signal(signal.SIGALRM, _alarm)
    sys.stdout = sys.stderr = capture
    compute_start = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        exec(code, namespace)
    except SnippetTimeout as e:
        timed_out = True
        tb = e.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == filename:
                timeout_line = tb.tb_lineno
            tb = tb.tb_next
    except SystemExit as e:
        if e.code not in (None, 0):
            exc = e
    except BaseException as e:
        exc = e
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        compute = time.perf_counter() - compute_start
        signal.signal(signal.SIGALRM, previous)
        if exc is not None:
            capture.write("".join(traceback.format_exception(exc)))
        sys.stdout, sys.stderr, sys.argv, sys.path[:] = saved[0], saved[1], saved[2], saved[3]
        os.environ.clear()
        os.environ.update(saved[5])
        reset_state(root)
        os.chdir(saved[4])
        warnings.filters[:] = saved_filters
        warnings.showwarning = saved[6]
        warnings._filters_mutated()
    lines = normalize_lines(capture.lines(), path, root, exc_line=_snippet_line(exc, filename))
    result = _result(lines)
    result.timed_out, result.timeout_line = timed_out, timeout_line
    result.compute = compute
    result.total = time.perf_counter() - started
    return result


def _snippet_line(exc: BaseException | None, filename: str) -> int | None:
    line = None
    tb = exc.__traceback__ if exc is not None else None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def run_standalone(path: Path, timeout: float, root: Path = ROOT) -> RunResult:
    """Run one snippet as a fresh `python <file>` process, as a reader would."""
    started = time.perf_counter()
    path = Path(path).resolve()
    env = {k: v for k, v in os.environ.items() if k not in STANDALONE_UNSET}
    env.update(STANDALONE_ENV)
    try:
        proc = subprocess.run(
            [sys.executable, rel(path, root)], cwd=root, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout + STANDALONE_STARTUP,
        )
    except subprocess.TimeoutExpired as e:
        text = (e.stdout or b"").decode("utf-8", "replace")
        result = _result(normalize_lines([(l, None) for l in text.splitlines(True)], path, root))
        result.timed_out = True
        result.total = time.perf_counter() - started
        return result
    text = proc.stdout.decode("utf-8", "replace")
    result = _result(normalize_lines([(l, None) for l in text.splitlines(True)], path, root))
    result.total = result.compute = time.perf_counter() - started
    return result


# ---------------------------------------------------------------- normalisation
_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]+")
_TRIGGERED = re.compile(r"\(Triggered internally at [^\s()]+:\d+\.\)")
TRIGGERED_MASK = "(Triggered internally at …)"
_FRAME = re.compile(r'  File "([^"]+)", line (\d+)')


def normalize_lines(lines, path: Path, root: Path = ROOT, exc_line: int | None = None):
    """Make output independent of the machine and the run (see module docstring)."""
    prefix = str(root) + os.sep
    snippet = rel(path, root)
    out = []
    in_traceback = keep_frame = False
    for text, source in lines:
        text = _ADDRESS.sub("at 0x…", text.replace(prefix, ""))
        text = _TRIGGERED.sub(TRIGGERED_MASK, text)
        if text.startswith("Traceback (most recent call last):"):
            in_traceback, keep_frame = True, False
            out.append((text, exc_line))
            continue
        if in_traceback:
            frame = _FRAME.match(text)
            if frame:
                keep_frame = frame.group(1) == snippet
                if keep_frame:
                    out.append((text, exc_line))
                continue
            if text.startswith("    "):
                if keep_frame:
                    out.append((text, exc_line))
                continue
            if text.startswith("  [Previous line repeated"):
                continue
            in_traceback = False
            source = exc_line if source is None else source
        out.append((text, source))
    return out


_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*)(?:: (.*))?$", re.S)


def _result(lines) -> RunResult:
    output = "".join(text for text, _ in lines)
    result = RunResult(output=output, sources=[source for _, source in lines])
    # The exception is whatever follows the last traceback's frames.
    texts = [text for text, _ in lines]
    starts = [i for i, t in enumerate(texts) if t.startswith("Traceback (most recent call last):")]
    if starts:
        i = starts[-1] + 1
        while i < len(texts) and texts[i].startswith("  "):
            i += 1
        tail = "".join(texts[i:]).rstrip("\n")
        m = _EXCEPTION_LINE.match(tail)
        if m:
            result.exception, result.message = m.group(1), (m.group(2) or "")
    return result


# ---------------------------------------------------------------- what a run must do
def outcome_problem(result: RunResult, cfg, rel: str, settings_rel: str) -> str | None:
    """What is wrong with how a run ended (a time-out, an unexpected exception, a missing
    or different expected one), or None."""
    if result.timed_out:
        at = f" It was at line {result.timeout_line}." if result.timeout_line else ""
        return (f"{rel}: did not finish within its time limit of {cfg.timeout:g} s (a hang, or too much "
                f"work for a snippet).{at}\nIf it really needs longer, set `timeout` for it in {settings_rel}.\n"
                f"Output so far:\n{result.output}")
    if cfg.raises is None:
        if result.exception is None:
            return None
        return (f"{rel}: raised {result.exception} unexpectedly.\nA snippet that demonstrates an error declares "
                f"it in {settings_rel}:\n  [\"{Path(rel).name}\"]\n  raises = \"{result.exception}\"\n"
                f"  match = \"<part of the message>\"\n\n{result.output}")
    expected = f"{cfg.raises}" + (f" matching {cfg.match!r}" if cfg.match else "")
    if result.exception is None:
        return f"{rel}: expected it to raise {expected}, but it raised nothing.\nOutput:\n{result.output}"
    if result.exception != cfg.raises:
        return f"{rel}: expected {expected}, but it raised {result.exception}: {result.message}"
    if cfg.match and not re.search(cfg.match, result.message or ""):
        return (f"{rel}: raised {result.exception} as expected, but its message does not match "
                f"{cfg.match!r}:\n  {result.message}")
    return None


def write_provenance(root: Path) -> Path:
    """Record where the outputs come from (snippets/provenance.json); every page shows it."""
    import datetime
    import json
    import platform

    import torch

    path = root / "snippets" / "provenance.json"
    data = {"torch": torch.__version__, "python": platform.python_version(), "machine": platform.machine(),
            "device": "cpu", "threads": THREADS, "seed": SEED, "updated": datetime.date.today().isoformat()}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return path
