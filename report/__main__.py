"""Command line: ``python -m report validate|site|serve|publish|links|new-site``.

Data problems are printed one per line, with no traceback (set
REPORT_DEBUG=1 to see one for a bug in our own code).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
from pathlib import Path

from .build import BuildError, build_site, output_folder, validate_site
from .problems import errors_footer

ROOT = Path(__file__).resolve().parent.parent


def _validate(args) -> int:
    site, errors, warnings = validate_site(ROOT, Path(args.data) if args.data else None)
    for problem in warnings:
        print(problem, file=sys.stderr)
    for problem in errors:
        print(problem, file=sys.stderr)
    if errors:
        print(errors_footer(errors), file=sys.stderr)
        return 1
    found = [f"{s.id}: " if site.multi else "" for s in site.series]
    parts = [f"{lead}{len(s.dataset.years)} year{'s' if len(s.dataset.years) != 1 else ''} valid "
             f"({', '.join(y.id for y in s.dataset.years)})"
             for lead, s in zip(found, site.series, strict=True)]
    print("data: " + "; ".join(parts) + (f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""))
    return 0


NO_SITE_URL = ("SITE_URL is not set: a deployed report shows its permanent address, so the deploy build needs the site's "
               "address (e.g. SITE_URL=https://example.github.io/complaints/ make site; on GitHub, the repository variable "
               "SITE_URL); for a local preview use make serve")


def _site(args) -> int:
    try:
        output_folder(ROOT, Path(args.out))  # make site writes inside the project only
        if args.local:  # a preview on this computer: its addresses are local, and the pages say so
            os.environ["SITE_URL"] = args.local
        elif not os.environ.get("SITE_URL"):
            raise BuildError(NO_SITE_URL)
        plan = build_site(ROOT, Path(args.out), drafts=args.drafts, jobs=args.jobs,
                          data_dir=Path(args.data) if args.data else None)
    except BuildError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"site: built {len(plan.versions)} version{'s' if len(plan.versions) != 1 else ''} "
          f"({', '.join(plan.versions)}; latest is {plan.latest}) into {args.out}/")
    return 0


def _publish(args) -> int:
    from .lock import LOCK_NAME, Lock, read_lock, write_lock
    data_dir = Path(args.data) if args.data else ROOT / "data"
    site, errors, _ = validate_site(ROOT, data_dir)
    if errors:
        print("\n".join(str(p) for p in errors), file=sys.stderr)
        print("Nothing was locked.", file=sys.stderr)
        return 1
    added = []
    for series in site.series:  # a site with report series: each series folder has its own lock
        folder = data_dir / series.id if site.multi else data_dir
        lock, _ = read_lock(folder / LOCK_NAME, LOCK_NAME)  # validate() has read it without a problem
        try:
            locked = write_lock(folder, lock or Lock(), list(series.dataset.years))
        except UnicodeEncodeError as err:
            print(f"{folder.name}/{LOCK_NAME}: a locked text cannot be written as UTF-8 ({err.reason}); nothing more was locked",
                  file=sys.stderr)
            return 1
        added += [f"{series.id} {y}" if site.multi else y for y in locked]
    print(f"publish: locked {', '.join(added)}" if added else "publish: every published year was already locked")
    return 0


def _links(args) -> int:
    from .links import add_links
    from .lock import LOCK_NAME, read_lock
    from .series import check_site
    built = sorted(p.name for p in Path(args.dir).glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]") if p.is_dir())
    site = check_site(ROOT / "data", "data").site
    problems, unlocked = [], []
    if site.multi:  # a year is locked when every series with a published report that year has locked it
        for series in site.series:
            lock, found = read_lock(ROOT / "data" / series.id / LOCK_NAME, f"data/{series.id}/{LOCK_NAME}")
            problems += found
            unlocked += [f"{y} ({series.id})" for y in built
                         if any(r.id == y and not r.is_draft for r in series.dataset.years) and (not lock or y not in lock.years)]
    else:
        lock, problems = read_lock(ROOT / "data" / LOCK_NAME, f"data/{LOCK_NAME}")
        unlocked = [y for y in built if not lock or y not in lock.years]
    if problems or unlocked:
        for problem in problems:
            print(problem, file=sys.stderr)
        for year in unlocked:
            print(
                f"links.txt: {year} is not locked yet (run 'make publish' first, so that its figures are recorded before its addresses)",
                file=sys.stderr,
            )
        print("Nothing was added to links.txt.", file=sys.stderr)
        return 1
    added = add_links(ROOT / "links.txt", Path(args.dir))
    print(f"links: added {len(added)} address{'es' if len(added) != 1 else ''} to links.txt")
    return 0


def _new_site(args) -> int:
    from .model import YearId
    from .newsite import latest_reporting_year, new_site, to_clear
    from .record import build_date

    try:
        year = YearId.parse(args.year) if args.year else latest_reporting_year(build_date())
    except ValueError as err:
        print(f"new-site: --year: {err}", file=sys.stderr)
        return 1
    if not args.yes:
        gone = to_clear(ROOT)
        print(
            f"new-site: this deletes {len(gone)} data and commentary file{'s' if len(gone) != 1 else ''}, empties "
            "data/published.lock.json and links.txt, and writes a draft for " + year.id + ". "
            "Commit or copy anything you want to keep, then run: make new-site CONFIRM=1 (or python -m report new-site --yes)",
            file=sys.stderr,
        )
        return 1
    first = new_site(ROOT, year)
    print(f"new-site: wrote {first.relative_to(ROOT)} (a draft: fill in its figures, then run make validate)")
    return 0


def _serve(args) -> int:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=args.dir)
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
        print(f"Serving {args.dir}/ at http://{args.host}:{args.port}/ (Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check the data files and commentary")
    v.add_argument("--data", help="data folder (default: data/)")
    s = sub.add_parser("site", help="build every version into a folder")
    s.add_argument("--out", default="site")
    s.add_argument("--drafts", action="store_true", help="include draft years (local previews only)")
    s.add_argument("--jobs", type=int, default=None, help="parallel builds (default: one per core)")
    s.add_argument("--data", help="data folder (default: data/)")
    s.add_argument("--local", metavar="ADDRESS", help="a local preview served at ADDRESS (e.g. http://127.0.0.1:8000/): "
                   "builds without SITE_URL, and each page notes that its address is a local one")
    pub = sub.add_parser("publish", help="lock the figures of newly published years")
    pub.add_argument("--data", help="data folder (default: data/)")
    lnk = sub.add_parser("links", help="add the built site's new addresses to links.txt")
    lnk.add_argument("--dir", default="site")
    new = sub.add_parser("new-site", help="start afresh: clear the example's data, commentary, lock and links")
    new.add_argument("--yes", action="store_true", help="really delete them")
    new.add_argument("--year", help="the first year's draft (default: the latest reporting year that has ended)")
    srv = sub.add_parser("serve", help="serve a built folder over HTTP")
    srv.add_argument("--dir", default="site")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    try:
        return {"validate": _validate, "site": _site, "serve": _serve, "publish": _publish, "links": _links, "new-site": _new_site}[
            args.command
        ](args)
    except Exception as err:  # a bug in our own code: say so plainly
        if os.environ.get("REPORT_DEBUG"):
            raise
        print(f"internal error: {type(err).__name__}: {err} (run with REPORT_DEBUG=1 for details)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
