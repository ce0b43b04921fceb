"""The GitHub Actions workflows: least privilege, pinned actions, and only calling make targets.
(`make lint` checks them against GitHub's schema and with zizmor.)"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_publish_runs_on_data_commits_and_by_hand():
    on = load("publish.yml")["on"]
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on  # its paths: tests/test_structure.py


def test_publish_has_least_privilege_and_queues():
    wf = load("publish.yml")
    assert wf["permissions"] == {}
    assert wf["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert wf["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert wf["jobs"]["deploy"]["needs"] == "build"


def test_steps_are_make_targets_and_pinned_actions():
    for path in WORKFLOWS:
        wf = load(path.name)
        for job in wf["jobs"].values():
            for step in job["steps"]:
                if "run" in step:
                    assert step["run"].startswith("make "), f"{path.name}: build logic belongs in the Makefile: {step['run']}"
                else:
                    action, _, ref = step["uses"].partition("@")
                    assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), step["uses"]
    runs = [s["run"] for s in load("publish.yml")["jobs"]["build"]["steps"] if "run" in s]
    assert runs == ["make validate", "make test", "make site"]
    uses = [s["uses"].split("@")[0] for j in load("publish.yml")["jobs"].values() for s in j["steps"] if "uses" in s]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses


def test_pull_requests_run_the_tests():
    wf = load("tests.yml")
    assert "pull_request" in wf["on"]
    assert [s["run"] for s in wf["jobs"]["test"]["steps"] if "run" in s] == ["make test"]
