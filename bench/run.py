"""make bench: build speed against plain MkDocs, at 5, 10, 20 and 40 years of one series and 20 years of three.

For each size, with deterministic synthetic data (every field, some nulls, a
series break), it measures the median of RUNS runs of:
- cold: every version built with empty caches;
- warm: a rebuild after changing one figure of the newest year;
- floor: plain MkDocs (same theme, no plugins) building the same versions from
  each page's final Markdown (macros expanded, chart SVG inlined), in the same
  number of parallel processes.
Wall and CPU time (this process and its workers) are both kept. For the cold
build whose time is the median it also prints where the time went, phase by
phase, summed over every process (``REPORT_TIMING``, see report/timing.py).
It prints tables and writes bench/results.json.

BENCH_SIZES lists the sizes, e.g. ``5,20``; a size is a number of years, and
``SIZE_DATA`` says how its data is made (one writer function per kind of site).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from report import timing  # noqa: E402
from report.versions import SOURCES  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
LAST_START = 2024


def synthetic_year(start: int, rng: random.Random, break_at: int) -> str:
    """One realistic year file; about one figure in eight is not published."""
    def count(low: int, high: int) -> str:
        return "null" if rng.random() < 0.125 else str(rng.randint(low, high))
    contacts = rng.randint(300, 700)
    informal = 0 if start >= break_at else rng.randint(40, contacts // 3)
    stage1 = contacts - informal - rng.randint(0, 20)
    upheld = rng.randint(5, stage1 // 5)
    partly = rng.randint(5, stage1 // 4)
    not_upheld = stage1 - upheld - partly - rng.randint(5, 15)  # leaves room for up to 5 withdrawn
    investigated = rng.randint(2, 12)
    lines = [
        f"year: {start}-{(start + 1) % 100:02d}", "status: published", f"published: {start + 1}-10-15",
        "presented_to: Scrutiny Committee",
        f"source:\n  title: Annual complaints report {start}-{(start + 1) % 100:02d}\n  url: https://example.org/{start}.pdf",
        f"context:\n  social_care_contacts: {rng.randint(40000, 60000)}\n  referrals: {count(6000, 9000)}",
        f"complaints:\n  contacts: {contacts}\n  informal: {informal}\n  stage1: {stage1}\n"
        f"  stage2: {count(1, 15)}\n  stage3: {count(0, 3)}",
        f"outcomes:\n  upheld: {upheld}\n  partially_upheld: {partly}\n  not_upheld: {not_upheld}\n  withdrawn: {count(0, 5)}",
        f"timeliness:\n  stage1_on_time: {rng.randint(stage1 // 2, stage1)}\n  stage1_responded: {stage1}",
        f"ombudsman:\n  complaints: {investigated + rng.randint(5, 30)}\n  investigated: {investigated}\n"
        f"  upheld: {rng.randint(0, investigated)}",
        f"compliments: {count(100, 900)}",
        f"themes:\n  - name: Communication\n    count: {rng.randint(3, 20)}\n  - name: Delay\n    count: {rng.randint(1, 10)}",
    ]
    if start == break_at:
        lines.append("notes:\n  - text: Every complaint now enters stage 1.\n    breaks: [complaints.informal, complaints.stage1]")
    return "\n".join(lines) + "\n"


def one_series(data: Path, years: int, seed: object = None) -> None:
    """``years`` year files of one series, in data/ as the example has them."""
    rng = random.Random(years if seed is None else str(seed))
    first = LAST_START - years + 1
    for start in range(first, LAST_START + 1):
        (data / f"{start}-{(start + 1) % 100:02d}.yaml").write_text(synthetic_year(start, rng, first + years // 2))


# id, title, procedure, and the complaints figures its procedure does not have
SERIES = (("children", "Children's social care statutory complaints", "children", ()),
          ("adults", "Adult social care complaints", "adults", ("contacts", "informal", "stage2", "stage3")),
          ("corporate", "Corporate complaints", "corporate", ("contacts", "informal", "stage3")))


def three_series(data: Path, years: int) -> None:
    """``years`` year files in each of three report series (children's, adults', corporate),
    each in its folder with its series.yaml; each series' figures drawn independently."""
    for order, (sid, title, procedure, without) in enumerate(SERIES, start=1):
        folder = data / sid
        folder.mkdir()
        (folder / "series.yaml").write_text(f"title: {title}\nprocedure: {procedure}\norder: {order}\n")
        one_series(folder, years, seed=f"{sid}-{years}")
        for path in folder.glob("*-*.yaml"):
            lines = [line for line in path.read_text().splitlines() if line.split(":")[0].strip() not in without
                     or not line.startswith("  ")]
            text = "\n".join(lines) + "\n"
            if "informal" in without:
                text = text.replace("breaks: [complaints.informal, complaints.stage1]", "breaks: [complaints.stage1]")
            path.write_text(text)


# How each size's data is made: a size is "<years>" (one series) or "<years><suffix>",
# e.g. "20s" for three report series at 20 years; a new kind of site is one more writer.
SIZE_DATA = {"": one_series, "s": three_series}


def parse_size(size: str) -> tuple[int, str]:
    digits = size.rstrip("abcdefghijklmnopqrstuvwxyz")
    return int(digits), size[len(digits):]


SIZES = tuple(s.strip() for s in os.environ.get("BENCH_SIZES", "5,10,20,40,20s").split(",") if s.strip())


def make_project(folder: Path, size: str) -> Path:
    """A copy of the site sources with synthetic data of ``size`` (see SIZE_DATA)."""
    years, kind = parse_size(size)
    folder.mkdir(parents=True)
    for name in SOURCES:
        src = ROOT / name
        (shutil.copytree(src, folder / name, ignore=shutil.ignore_patterns("__pycache__")) if src.is_dir()
         else shutil.copy2(src, folder / name))
    shutil.rmtree(folder / "docs" / "commentary")
    (folder / "docs" / "commentary").mkdir()
    data = folder / "data"
    data.mkdir()
    SIZE_DATA[kind](data, years)
    return folder


def cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


PHASES = ("loading and statistics", "chart specs", "chart rendering", "worker warm-up", "MkDocs",
          "macros and text", "copying and hashing")


def print_breakdown(row: dict, which: str = "cold") -> None:
    spent = row[f"{which}_phases"]
    names = [n for n in spent if not n.endswith(" (CPU)")]
    wall, cpu = sum(spent[n] for n in names), sum(spent.get(n + " (CPU)", 0.0) for n in names)
    about = (f"{row['versions']} versions, {row['charts']} charts; wall {row['cold_s']:.2f} s, CPU {row['cold_cpu_s']:.2f} s"
             if which == "cold" else f"one version; wall {row['warm_s']:.2f} s")
    print(f"Where the {which} build's time went, {row['size']} ({about}), summed over every process:")
    print(f"  {'phase':<24} {'wall s':>7} {'':>6} {'CPU s':>7} {'':>6}")
    for name in [*PHASES, *sorted(set(names) - set(PHASES))]:
        w, c = spent.get(name, 0.0), spent.get(name + " (CPU)", 0.0)
        extra = (f"  ({w / row['versions']:.3f} s wall, {c / row['versions']:.3f} s CPU per version)"
                 if name == "MkDocs" and which == "cold" else "")
        print(f"  {name:<24} {w:>7.2f} {100 * w / wall if wall else 0:>5.1f}% {c:>7.2f} {100 * c / cpu if cpu else 0:>5.1f}%{extra}")


def _floor_version(args: tuple[str, str, str]) -> None:
    config_file, docs, site = args
    import logging
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    build(load_config(config_file, docs_dir=docs, site_dir=site))


def floor_config(project: Path, folder: Path) -> Path:
    """The project's mkdocs.yml with its plugins removed: the same theme, alone."""
    lines, out, skipping = (project / "mkdocs.yml").read_text().splitlines(), [], False
    for line in lines:
        if line.startswith("plugins:"):
            skipping = True
            out.append("plugins: []")
            continue
        if skipping and (line.startswith(" ") or not line.strip()):
            continue
        skipping = False
        out.append(line)
    config = folder / "mkdocs-floor.yml"
    config.write_text("\n".join(out) + "\n")
    return config


def main() -> int:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01: after every synthetic publication date
    from report.build import build_site
    os.environ["REPORT_TIMING"] = "1"
    jobs = os.cpu_count() or 1
    results = []
    for size in SIZES:
        years = parse_size(size)[0]
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as tmp:
            tmp = Path(tmp)
            project = make_project(tmp / "project", size)
            out = tmp / "site"
            cold, warm, floor, cold_cpu, floor_cpu, phases, warm_phases = [], [], [], [], [], [], []
            for run in range(RUNS):
                os.environ["REPORT_CHART_CACHE"] = str(tmp / f"cache-{run}")
                shutil.rmtree(project / ".cache", ignore_errors=True)
                timing.take()
                start, cpu = time.perf_counter(), cpu_seconds()
                build_site(project, out, jobs=jobs)
                cold.append(time.perf_counter() - start)
                cold_cpu.append(cpu_seconds() - cpu)
                phases.append(timing.take())
            newest = sorted((project / "data").rglob("[0-9]*-*.yaml"), key=lambda p: (p.name, str(p)))[-1]  # any series
            for run in range(RUNS):
                text = newest.read_text()
                newest.write_text(text.replace("compliments: ", f"compliments: {run + 1}", 1) if "compliments: null" not in text
                                  else text.replace("compliments: null", f"compliments: {run + 1}"))
                timing.take()
                start = time.perf_counter()
                build_site(project, out, jobs=jobs)
                warm.append(time.perf_counter() - start)
                warm_phases.append(timing.take())
            dumped = tmp / "markdown"
            os.environ["REPORT_DUMP_MARKDOWN"] = str(dumped)
            os.environ["REPORT_VERSION_CACHE"] = str(tmp / "no-version-cache")  # every page must really be built
            build_site(project, out, jobs=jobs)
            del os.environ["REPORT_DUMP_MARKDOWN"], os.environ["REPORT_VERSION_CACHE"]
            versions = sorted(p.name for p in dumped.iterdir())
            for version in versions:
                shutil.copytree(project / "docs" / "assets", dumped / version / "assets")
            config = floor_config(project, project)
            for run in range(RUNS):
                start, cpu = time.perf_counter(), cpu_seconds()
                args = [(str(config), str(dumped / v), str(tmp / f"floor-{run}" / v)) for v in versions]
                with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
                    list(pool.map(_floor_version, args))
                floor.append(time.perf_counter() - start)
                floor_cpu.append(cpu_seconds() - cpu)
            pages = sum(1 for v in versions for _ in (out / v).rglob("index.html"))
            charts = len(list(Path(os.environ["REPORT_CHART_CACHE"]).glob("*.svg")))
            median_run = sorted(range(RUNS), key=lambda i: cold[i])[RUNS // 2]
            row = {"size": size, "years": years, "versions": len(versions), "pages": pages, "charts": charts,
                   "cold_s": round(statistics.median(cold), 2), "warm_s": round(statistics.median(warm), 2),
                   "floor_s": round(statistics.median(floor), 2),
                   "cold_cpu_s": round(cold_cpu[median_run], 2), "floor_cpu_s": round(statistics.median(floor_cpu), 2),
                   "cold_phases": {k: round(v, 3) for k, v in sorted(phases[median_run].items())},
                   "warm_phases": {k: round(v, 3) for k, v in sorted(warm_phases[RUNS // 2].items())}}
            results.append(row)
            print(f"  {size}: cold {cold}, warm {warm}, floor {floor}", file=sys.stderr)
    machine = {"cpu_count": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
               "processor": platform.processor() or platform.machine(), "runs": RUNS}
    (ROOT / "bench" / "results.json").write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n")
    print(f"{'size':>5} {'versions':>8} {'pages':>6} {'charts':>6} {'cold s':>7} {'warm s':>7} {'floor s':>7} "
          f"{'cold/floor':>10} {'warm/floor':>10} {'cold CPU s':>10} {'floor CPU s':>11}")
    for r in results:
        print(f"{r['size']:>5} {r['versions']:>8} {r['pages']:>6} {r['charts']:>6} {r['cold_s']:>7.2f} {r['warm_s']:>7.2f} "
              f"{r['floor_s']:>7.2f} {r['cold_s'] / r['floor_s']:>10.2f} {r['warm_s'] / r['floor_s']:>10.2f} "
              f"{r['cold_cpu_s']:>10.2f} {r['floor_cpu_s']:>11.2f}")
    for r in results:
        print_breakdown(r)
        print_breakdown(r, "warm")
    print(f"Machine: {machine['cpu_count']} cores, Python {machine['python']}; median of {RUNS} runs. Written to bench/results.json.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
