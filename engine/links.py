"""Check every internal link and #anchor of a built site."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL = ("http:", "https:", "mailto:", "data:", "javascript:", "tel:")
ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        value = attrs.get(ATTRS.get(tag, ""))
        if value and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
            self.links.append(value)


def check_links(site: Path, prefix: str = "/") -> tuple[list[str], int]:
    """(problems, number of links checked) for every HTML file under site.

    Links are relative, except in 404 pages, which the server shows at any path and
    which therefore link absolutely below ``prefix`` (the path of site_url).
    """
    parsed: dict[Path, _Page] = {}
    for html in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(html.read_text(encoding="utf-8"))
        parsed[html] = page
    problems, checked = [], 0
    for html, page in parsed.items():
        where = html.relative_to(site).as_posix()
        for link in page.links:
            if link.startswith(EXTERNAL) or link.startswith("//"):
                continue
            parts = urlsplit(link)
            if parts.path.startswith("/"):
                if html.name != "404.html" or not parts.path.startswith(prefix):
                    problems.append(f"{where}: absolute link {link} breaks when the site is not at {prefix}")
                    continue
                target = (site / unquote(parts.path[len(prefix):])).resolve()
            else:
                target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                problems.append(f"{where}: {link} -> missing {target.relative_to(site.resolve()) if target.is_relative_to(site.resolve()) else target}")
                continue
            anchor = unquote(parts.fragment)
            if anchor and target.suffix == ".html":
                ids = parsed.get(target, None)
                if ids is None:
                    ids = _Page()
                    ids.feed(target.read_text(encoding="utf-8"))
                    parsed[target] = ids
                if anchor not in ids.ids:
                    problems.append(f"{where}: {link} -> no #{anchor} in {target.relative_to(site.resolve()).as_posix()}")
    return problems, checked
