"""The corpus of broken data files: each gives exactly its expected errors,
one line each, without a traceback; a valid file beside it passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report.__main__ import main
from report.fields import MAX_BYTES
from report.load import check_dir

CORPUS = Path(__file__).parent / "bad_data"
CASES = sorted(p.stem if p.is_file() else p.name for p in CORPUS.iterdir() if p.suffix == ".yaml" or p.is_dir())
VALID = "year: 2021-22\nstatus: draft\ncomplaints:\n  contacts: 100\n  stage1: 80\n"


def make_data(case: str, folder: Path) -> Path:
    data = folder / "data"
    data.mkdir()
    (data / "2021-22.yaml").write_text(VALID)
    source = CORPUS / case
    if source.is_dir():
        for item in source.iterdir():
            if item.name == "GENERATE":
                padding = "#" * 80 + "\n"
                text = "year: 2022-23\nstatus: draft\n"
                (data / "2022-23.yaml").write_text(text + padding * (MAX_BYTES // len(padding) + 1))
            elif item.name == "MKFIFO":  # git cannot hold a named pipe: make one
                os.mkfifo(data / "2022-23.yaml")
            elif item.is_dir() and not item.is_symlink():
                shutil.copytree(item, data / item.name, symlinks=True)
            else:
                shutil.copy(item, data / item.name, follow_symlinks=False)  # a symbolic link stays one
    else:
        shutil.copy(CORPUS / f"{case}.yaml", data / "2022-23.yaml")
    return data


@pytest.mark.parametrize("case", CASES)
def test_each_broken_file_gives_its_expected_errors(case, tmp_path):
    data = make_data(case, tmp_path)
    result = check_dir(data, "data")
    found = [str(p) for p in result.errors]
    expected_file = CORPUS / f"{case}.expected"
    if os.environ.get("UPDATE_EXPECTED") and not os.environ.get("CI"):
        expected_file.write_text("".join(line + "\n" for line in found))
    expected = expected_file.read_text().splitlines()
    assert found == expected
    assert found, "a broken file must give at least one error"
    assert not [f for f in found if f.startswith("data/2021-22.yaml")], "the valid file beside it must pass"
    for line in found:
        assert "\n" not in line and line.startswith("data/")


def test_the_object_building_tag_never_runs(tmp_path):
    marker = Path("/tmp/pwned-by-yaml")
    marker.unlink(missing_ok=True)
    check_dir(make_data("tag-python-object-apply", tmp_path), "data")
    assert not marker.exists()


# A real process for the cases where the process itself matters: a surrogate reaches the real
# stderr, and a named pipe or an alias bomb would hang or exhaust the interpreter (the timeout
# stops it). The others run the same command line in this process, which saves a start-up each.
IN_A_PROCESS = {"text-lone-surrogate", "fifo", "alias-bomb"}


def run_validate(data: Path, capsys, in_a_process: bool = False) -> tuple[int, str, str]:
    """`python -m report validate --data DATA`: (exit code, stdout, stderr)."""
    if in_a_process:
        result = subprocess.run([sys.executable, "-m", "report", "validate", "--data", str(data)],
                                capture_output=True, text=True, cwd=Path(__file__).parent.parent, timeout=60)
        return result.returncode, result.stdout, result.stderr
    code = main(["validate", "--data", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", ["count-yes", "syntax-tab", "alias-bomb", "not-utf8", "two-files-for-one-year",
                                  "count-thousands-of-digits", "count-tag-int-word", "nesting-too-deep",
                                  "key-escape-sequence", "text-lone-surrogate", "fifo"])
def test_the_command_prints_one_line_per_error_and_exits_1(case, tmp_path, capsys):
    data = make_data(case, tmp_path)
    code, out, err = run_validate(data, capsys, in_a_process=case in IN_A_PROCESS)
    assert code == 1
    assert "Traceback" not in err + out and "internal error" not in err
    assert "\x1b" not in err and all(line.isprintable() for line in err.splitlines())
    lines = err.replace(str(data), "data").splitlines()
    expected = (CORPUS / f"{case}.expected").read_text().splitlines()
    assert [line.split(": ", 1)[1] for line in lines[:-1]] == [e.split(": ", 1)[1] for e in expected]
    assert lines[-1].startswith(f"{len(expected)} error")


def test_warnings_alone_exit_0(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "2022-23.yaml").write_text("year: 2022-23\nstatus: draft\ncomplaints:\n  stage1: 1\n  stage2: 2\n")
    code, _, err = run_validate(data, capsys)
    assert code == 0, err
    assert "warning: complaints.stage2: 2 is more than complaints.stage1 (1)" in err
