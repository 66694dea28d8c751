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

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .outputs import DEFAULT_ATOL, DEFAULT_RTOL

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


def load_folder(folder: Path) -> dict[str, Settings]:
    path = folder / SETTINGS_FILE
    if not path.exists():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    result = {}
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise SettingsError(f"{path}: '{name}' must be a table named after a snippet file")
        if not (folder / name).is_file():
            raise SettingsError(f"{path}: [\"{name}\"] names no snippet in {folder}")
        unknown = set(table) - set(_KEYS)
        if unknown:
            raise SettingsError(f"{path}: [\"{name}\"] has unknown keys {sorted(unknown)}; known: {sorted(_KEYS)}")
        values = {}
        for key, value in table.items():
            if _KEYS[key] is float and isinstance(value, int):
                value = float(value)
            if not isinstance(value, _KEYS[key]):
                raise SettingsError(f"{path}: [\"{name}\"].{key} must be a {_KEYS[key].__name__}")
            values[key] = value
        if ("match" in values) and ("raises" not in values):
            raise SettingsError(f"{path}: [\"{name}\"] has 'match' without 'raises'")
        result[name] = Settings(**values)
    return result


def for_snippet(path: Path) -> Settings:
    return load_folder(path.parent).get(path.name, Settings())
