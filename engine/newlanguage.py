"""Add a language to the site, partly translated: `make new-language LANG_CODE=xx`.

    python -m engine new-language xx [--name "Name"]

- adds xx to extra.i18n.languages in mkdocs.yml, marked `partial: true`;
- writes mkdocs.xx.yml (INHERITs mkdocs.yml; the language, its folders and site_name);
- writes docs/words/xx.yml, the English words the site shows readers (banners, nav
  section titles, page actions, ...), for you to translate;
- creates docs/xx/ (empty but for a README.txt, which the build does not publish as a page).

The site builds at once: every page not translated yet is shown in the source
language with a banner saying so, and the translation-status page shows the
language's progress. Translate a page by copying it from docs/<source>/ to docs/xx/,
translating it, then `make i18n-stamp PAGE=xx/<page>`. When every page is done,
remove `partial: true` (the twin check then holds for xx too).
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import yaml

from .languages import languages, read_config
from .words import FALLBACK, FOLDER

ROOT = Path(__file__).resolve().parents[1]

CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")


def theme_languages() -> set[str]:
    """Languages mkdocs-material has words for (theme.language must be one of them)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return {p.stem for p in folder.glob("*.html")}


def add_to_languages(config_text: str, code: str, name: str) -> str:
    """Append the language to extra.i18n.languages, keeping the file's comments."""
    lines = config_text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(r"^\s+languages:\s*$", line))
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip()
                                or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    item = " " * (indent + 2)
    entry = (f"{item}- code: {code}\n{item}  name: {json.dumps(name, ensure_ascii=False)}\n{item}  dir: {code}/\n"
             f"{item}  partial: true  # untranslated pages fall back to the source language\n")
    return "".join(lines[:end]) + entry + "".join(lines[end:])


def child_config(root: Path, code: str, name: str) -> str:
    base = read_config(root / "mkdocs.yml")
    site_url = base.get("site_url", "").rstrip("/") + f"/{code}/" if base.get("site_url") else None
    edit_uri = re.sub(r"docs/[^/]+/?$", f"docs/{code}/", base.get("edit_uri", f"edit/main/docs/{code}/"))
    head = (f"# {name}: inherits mkdocs.yml and changes only what differs. Scaffolded by\n"
            f"# `make new-language LANG_CODE={code}`: translate site_name here, the words in\n"
            f"# docs/words/{code}.yml, then the pages (CONTRIBUTING.md).\n")
    body = {"INHERIT": "mkdocs.yml", "site_name": base.get("site_name")}
    if site_url:
        body["site_url"] = site_url
    body.update({"edit_uri": edit_uri, "docs_dir": f"docs/{code}", "site_dir": f"site/{code}",
                 "theme": {"language": code}})
    return head + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)


def scaffold(root: Path, code: str, name: str | None = None) -> list[Path]:
    if not CODE.match(code):
        raise SystemExit(f"error: '{code}' is not a language code like 'ja' or 'pt-BR'")
    langs = languages(root)
    if any(lang.code == code for lang in langs):
        raise SystemExit(f"error: '{code}' is already in extra.i18n.languages of mkdocs.yml")
    if code not in theme_languages():
        raise SystemExit(f"error: the theme has no language '{code}'; pick one of "
                         + ", ".join(sorted(theme_languages())))
    config, docs, words = root / f"mkdocs.{code}.yml", root / "docs" / code, root / FOLDER / f"{code}.yml"
    for path in (config, docs, words):
        if path.exists():
            raise SystemExit(f"error: {path.relative_to(root)} already exists")
    name = name or code
    base = root / "mkdocs.yml"
    base.write_text(add_to_languages(base.read_text(encoding="utf-8"), code, name), encoding="utf-8")
    config.write_text(child_config(root, code, name), encoding="utf-8")
    english = (root / FOLDER / f"{FALLBACK}.yml").read_text(encoding="utf-8")
    words.write_text(f"# The words the site shows readers in {name}: translate them (the English ones are\n"
                     f"# shown for every key left out). Scaffolded by `make new-language LANG_CODE={code}`.\n"
                     + english.split("\n\n", 1)[1], encoding="utf-8")
    docs.mkdir(parents=True)
    source = langs[0].code
    (docs / "README.txt").write_text(
        f"Pages of the {name} translation. A page missing here is shown in the source language\n"
        f"(docs/{source}/) with a banner. To translate one: copy docs/{source}/<page>.md here,\n"
        f"translate the prose (keep the snippet includes, heading ids, math and links), then run\n"
        f"`make i18n-stamp PAGE={code}/<page>.md`. `make i18n-status` shows the progress.\n",
        encoding="utf-8")
    return [base, config, words, docs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine new-language", description=__doc__.split("\n")[0])
    parser.add_argument("code", help="language code, e.g. ja, fr, pt-BR")
    parser.add_argument("--name", help="the language's name in itself, e.g. 日本語 (default: the code)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    changed = scaffold(args.root.resolve(), args.code, args.name)
    for path in changed:
        print(f"wrote {path.relative_to(args.root.resolve())}")
    print(f"{args.code} is partial: every page is shown in the source language until translated. "
          f"Next: translate docs/words/{args.code}.yml, then pages (make i18n-stamp PAGE={args.code}/<page>.md); "
          f"`make site` builds it, `make i18n-status` shows the progress.")
    return 0

