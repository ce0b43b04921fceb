"""Page weight: bytes a server sends (gzip-compressed) for each page of ``latest``,
counting the HTML and every file it loads (CSS, script, images). Target: the
year page under 150 KB in all."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.browser import LAUNCH_ARGS, chromium_path, serve  # noqa: E402

TARGET = 150 * 1024


def main() -> int:
    from playwright.sync_api import sync_playwright
    site = Path("site")
    server, base = serve(site)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
            for index in sorted((site / "latest").rglob("index.html")):
                path = index.parent.relative_to(site).as_posix() + "/"
                page = browser.new_page()
                loaded: list[str] = []
                page.on("requestfinished", lambda r, loaded=loaded: loaded.append(r.url))
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.close()
                total = html = 0
                for url in dict.fromkeys(loaded):
                    local = site / urlparse(url).path.lstrip("/")
                    if local.is_dir():
                        local = local / "index.html"
                    if local.is_file():
                        size = len(gzip.compress(local.read_bytes(), compresslevel=6, mtime=0))
                        total += size
                        html += size if local == index else 0
                rows.append((path, html, total, len(loaded)))
            browser.close()
    finally:
        server.shutdown()
    print(f"{'page':32} {'HTML (gzip)':>12} {'all (gzip)':>12} {'files':>6}")
    for path, html, total, files in rows:
        print(f"{path:32} {html / 1024:10.1f} KB {total / 1024:10.1f} KB {files:6d}")
    year = next(total for path, _, total, _ in rows if path == "latest/")
    verdict = "met" if year < TARGET else "NOT met"
    print(f"Year page: {year / 1024:.1f} KB in all, target under {TARGET // 1024} KB: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
