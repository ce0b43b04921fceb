"""Permanent links: ``links.txt`` lists every address the site has published,
and a build that would lose one fails, naming it."""

from __future__ import annotations

import re
from pathlib import Path

from .lock import write_atomic

__all__ = ["site_urls", "read_links", "missing_links", "add_links"]


def site_urls(site: Path) -> set[str]:
    """Addresses a reader may have linked to: every page, and every download under data/."""
    urls = {""}
    for index in site.rglob("index.html"):
        rel = index.parent.relative_to(site).as_posix()
        urls.add("" if rel == "." else rel + "/")
    for download in site.glob("*/data/**/*"):  # a series' downloads are in data/<series>/: files, never the folder
        if download.is_file() and download.name != "index.html":
            urls.add(download.relative_to(site).as_posix())
    if (site / "versions.json").is_file():
        urls.add("versions.json")
    return urls


def read_links(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def missing_links(site: Path, links: list[str], years: set[str]) -> tuple[list[str], list[str]]:
    """Listed addresses missing from ``site``: (errors, warnings). An address that
    names a year with no data file is a warning: the lock guards whole years."""
    have = site_urls(site)
    errors, warnings = [], []
    for url in links:
        if url.rstrip("/") == "" and "" in have:
            continue
        if url not in have:
            named = set(re.findall(r"\d{4}-\d{2}", url))
            (warnings if named - years else errors).append(url)
    return errors, warnings


def add_links(path: Path, site: Path) -> list[str]:
    """Add the site's new addresses to ``links.txt``; never remove one."""
    known = read_links(path)
    new = sorted(site_urls(site) - set(known) - {""})
    header = ("# Every address this site has published, relative to its root.\n"
              "# A build that would lose one fails. Add new ones with: make links\n")
    body = sorted(set(known) | set(new))
    write_atomic(path, header + "".join(f"{u}\n" for u in body))
    return new
