"""Permanent links: ``links.txt`` lists every address the site has published,
and a build that would lose one fails, naming it."""

from __future__ import annotations

import re
from pathlib import Path

from .lock import read_record_file, write_atomic
from .problems import Problem

__all__ = ["site_urls", "read_links", "check_links_file", "missing_links", "add_links"]


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


def read_links(path: Path, shown: str = "links.txt") -> list[str]:
    """The listed addresses ([] when there is no file, or it cannot be read:
    ``check_links_file`` says why)."""
    return check_links_file(path, shown)[0]


def check_links_file(path: Path, shown: str) -> tuple[list[str], list[Problem]]:
    """The listed addresses, or ONE problem when ``path`` is there but is no readable text."""
    text, problems = read_record_file(path, shown)
    lines = (line.strip() for line in (text or "").splitlines())
    return [line for line in lines if line and not line.startswith("#")], problems


def missing_links(site: Path, links: list[str], years: set[str], withdrawn: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """Listed addresses missing from ``site``: (errors, warnings). An address that
    names a year with no data file is a warning: the lock guards whole years.
    An address of a ``withdrawn`` year is no longer required: neither."""
    have = site_urls(site)
    errors, warnings = [], []
    for url in links:
        if url.rstrip("/") == "" and "" in have:
            continue
        if url not in have:
            named = set(re.findall(r"\d{4}-\d{2}", url))
            if named & withdrawn:
                continue
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
