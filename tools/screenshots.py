"""Write PNG screenshots of the year, compare and data pages of ``latest`` at
1280 px and 375 px wide into screenshots/, for review by eye."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.browser import LAUNCH_ARGS, chromium_path, serve  # noqa: E402

PAGES = {"year": "latest/", "compare": "latest/compare/", "data": "latest/data/", "older-year": "2019-20/"}


def main() -> int:
    from playwright.sync_api import sync_playwright
    site, out = Path("site"), Path("screenshots")
    browser_path = chromium_path()
    if browser_path is None:
        print("screenshots: Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    out.mkdir(exist_ok=True)
    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=browser_path, args=LAUNCH_ARGS)
            for width in (1280, 375):
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, path in PAGES.items():
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
