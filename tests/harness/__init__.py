"""The snippet harness: runs every file under snippets/ and checks what it prints.

Modules:
- ``outputs``: parses printed text (torch tensors as numbers) and compares it.
- ``runner``: runs a snippet in this process from one documented starting state,
  or as a fresh ``python`` process (standalone mode).
- ``settings``: per-snippet settings read from ``harness.toml`` files.
- ``plugin``: the pytest plugin that collects ``snippets/**/*.py``.
"""
