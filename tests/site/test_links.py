"""Every internal link and #anchor of the built site resolves, in every language."""
import re
from pathlib import Path
from urllib.parse import urlsplit

from engine.links import check_links
from tests.support import ROOT


def site_path() -> str:
    """The path part of site_url: where the 404 page's absolute links start."""
    url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.M).group(1)
    return urlsplit(url).path


def test_every_internal_link_and_anchor_of_the_built_site_resolves(built_site):
    problems, checked = check_links(built_site.path, prefix=site_path())
    assert checked > 100
    assert not problems, "\n".join(problems)


def _page(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


def test_a_broken_link_and_a_missing_anchor_are_reported(tmp_path):
    _page(tmp_path / "index.html", '<a href="a/">a</a> <a href="a/#here">ok</a> <a href="a/#gone">x</a>'
                                   '<a href="b/">b</a> <img src="fig.svg"> <a href="https://example.org/">ext</a>')
    _page(tmp_path / "a" / "index.html", '<h2 id="here">Here</h2><a href="../#top">top</a>')
    problems, checked = check_links(tmp_path)
    assert problems == [
        "a/index.html: ../#top -> no #top in index.html",
        "index.html: a/#gone -> no #gone in a/index.html",
        "index.html: b/ -> missing b",
        "index.html: fig.svg -> missing fig.svg",
    ]
    assert checked == 6
