"""Per-snippet settings, read from a ``harness.toml`` beside the snippets.

Each table is named after a snippet file in the same folder::

    ["backward_twice.py"]
    raises = "RuntimeError"                          # the exception it must raise
    match = "Trying to backward through the graph"   # re.search in its message
    rtol = 1e-4                                      # tensor tolerance overrides
    atol = 1e-6
    timeout = 60                                     # seconds

Unknown keys and tables for missing files are errors, so a typo cannot silently
switch a check off.
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .compare import DEFAULT_ATOL, DEFAULT_RTOL

DEFAULT_TIMEOUT = 20.0
SETTINGS_FILE = "harness.toml"


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    timeout: float = DEFAULT_TIMEOUT
    raises: str | None = None
    match: str | None = None


_KEYS = {"rtol": float, "atol": float, "timeout": float, "raises": str, "match": str}


def load_folder(folder: Path, shown_as: str | None = None) -> dict[str, Settings]:
    """Settings of every snippet in folder; raises SettingsError listing every problem.

    shown_as: how to name the settings file in messages (default: its full path).
    """
    path = folder / SETTINGS_FILE
    if not path.exists():
        return {}
    # A build asks for a folder's settings once for each snippet of each page: they are
    # read again only when the file's text changes or a file comes or goes (the folder's mtime).
    return dict(_load(folder, path.read_text(encoding="utf-8"), folder.stat().st_mtime_ns, shown_as or str(path)))


@functools.lru_cache(maxsize=64)
def _load(folder: Path, text: str, folder_mtime: int, where: str) -> dict[str, Settings]:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{where}: {exc}") from None
    result, problems = {}, []
    for name, table in raw.items():
        if not isinstance(table, dict):
            problems.append(f"'{name}' must be a table named after a snippet file")
            continue
        if not (folder / name).is_file():
            problems.append(f'["{name}"] names no snippet in this folder')
        unknown = sorted(set(table) - set(_KEYS))
        if unknown:
            problems.append(f'["{name}"] has unknown keys {unknown}; known: {sorted(_KEYS)}')
        values = {}
        for key, value in table.items():
            if key not in _KEYS:
                continue
            if _KEYS[key] is float and isinstance(value, int):
                value = float(value)
            if not isinstance(value, _KEYS[key]):
                problems.append(f'["{name}"].{key} must be a {_KEYS[key].__name__}')
            values[key] = value
        if "match" in values and "raises" not in values:
            problems.append(f'["{name}"] has \'match\' without \'raises\'')
        result[name] = Settings(**values)
    if problems:
        raise SettingsError("\n".join(f"{where}: {p}" for p in problems))
    return result


def for_snippet(path: Path, shown_as: str | None = None) -> Settings:
    return load_folder(path.parent, shown_as).get(path.name, Settings())
