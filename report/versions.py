"""A cache of built versions, keyed by everything a version is made from.

A version for year Y is a pure function of: the data files up to Y, the pages,
templates, code and configuration, the pinned packages, the build date
(SOURCE_DATE_EPOCH) and the build's options. When none of those changed, the
version built before is copied instead of built again: the output is the same
file for file, so a rebuild after editing the newest year builds one version.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
from pathlib import Path

__all__ = ["SOURCES", "DATA", "PROJECT", "version_keys", "cache_root", "restore", "store", "prune"]

# The one list of what every version is built from, besides its data. The test
# copies of the project, the benchmark, mkdocs.yml's `watch` and the publish
# workflow's `paths` follow it (tests/test_structure.py checks the last two).
# Only the runtime requirements: a new test or lint tool changes no version.
SOURCES = ("mkdocs.yml", "requirements.txt", "docs", "overrides", "macros", "report", "charts")
DATA = "data"  # the year files and data/council/ (a version reads those up to its year), the lock
PROJECT = (*SOURCES, DATA, "links.txt")  # everything a build of the whole site reads


def cache_root(root: Path) -> Path:
    return Path(os.environ.get("REPORT_VERSION_CACHE") or root / ".cache" / "versions")


def _files(root: Path) -> list[Path]:
    found = []
    for name in SOURCES:
        path = root / name
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found += [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return sorted(found)


def version_keys(root: Path, data_dir: Path, versions: list[str] | tuple[str, ...], options: tuple) -> dict[str, str]:
    """A digest of every input of each version: the sources (read once for all of them),
    the options, and the data files up to its year."""
    sources = hashlib.sha256(repr((options, platform.python_version(), os.environ.get("SOURCE_DATE_EPOCH"))).encode())
    for path in _files(root):
        sources.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    data = [(path, path.relative_to(data_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
            for path in sorted(data_dir.rglob("*.yaml"))]  # a site with report series: data/<series>/*.yaml
    keys = {}
    for version in versions:
        digest = sources.copy()
        digest.update(repr(version).encode())
        for path, content in data:
            if path.stem <= version or path.name == "series.yaml":  # year ids sort as text
                digest.update(content)
        keys[version] = digest.hexdigest()[:40]
    return keys


def restore(root: Path, key: str, dest: Path) -> bool:
    """Copy a cached version to ``dest``; False when there is none."""
    cached = cache_root(root) / key
    if not (cached / "index.html").is_file():
        return False
    shutil.copytree(cached, dest)
    os.utime(cached)
    return True


def store(root: Path, key: str, built: Path) -> None:
    target = cache_root(root) / key
    if target.exists():
        return
    tmp = target.with_name(f".{key}.{os.getpid()}")
    shutil.copytree(built, tmp)
    tmp.rename(target)


def prune(root: Path, keep: int) -> None:
    """Keep the ``keep`` most recently used versions."""
    folder = cache_root(root)
    if not folder.is_dir():
        return
    entries = sorted((p for p in folder.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)
