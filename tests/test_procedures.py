"""Procedures are data: the presets' facts, custom procedures, and every
label, definition and statistic worded from the procedure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from report.fields import COUNT_FIELDS, fields_for
from report.procedures import PRESET_IDS, preset, read_procedure
from report.settings import SettingsError, read_settings
from report.stats import STATISTICS, statistics_for

REPORT = Path(__file__).resolve().parent.parent / "report"
COUNCIL = {"name": "Anyshire County Council", "service": "Complaints"}


def test_the_childrens_preset_has_three_stages_with_the_statutory_timescales():
    p = preset("children")
    assert p.law == "Children Act 1989 Representations Procedure (England) Regulations 2006"
    assert p.early_resolution and p.after == "Local Government and Social Care Ombudsman"
    assert [(s.name, s.called, s.respond_within, s.extended_within, s.convene_within) for s in p.stages] == [
        ("Stage 1", "local resolution", 10, 20, None),
        ("Stage 2", "independent investigation", 25, 65, None),
        ("Stage 3", "review panel", None, None, 30),
    ]
    assert [s.timescale for s in p.stages] == [
        "a response within 10 working days, or 20 with an extension",
        "a response within 25 working days, or 65 with an extension",
        "convened within 30 working days",
    ]


def test_the_adults_preset_has_one_local_stage_agreed_with_the_complainant():
    p = preset("adults")
    assert len(p.stages) == 1 and not p.early_resolution
    assert p.law == "Local Authority Social Services and National Health Service Complaints (England) Regulations 2009"
    assert p.stages[0].respond_within is None
    assert p.stages[0].timescale == "a response within the time agreed with the complainant"
    assert p.annual_report == (
        "the number of complaints received", "the number the council decided were well-founded",
        "the number it was told were referred to the Ombudsman",
        "a summary of the subject matter, matters of importance and actions taken",
    )
    assert p.term("fault_found") == "well-founded"


@pytest.mark.parametrize("pid, after", [("corporate", "Local Government and Social Care Ombudsman"), ("housing", "Housing Ombudsman")])
def test_the_code_presets_have_two_stages_and_acknowledgement(pid, after):
    p = preset(pid)
    assert p.acknowledge_within == 5 and p.after == after
    assert [(s.respond_within, s.extended_within) for s in p.stages] == [(10, 20), (20, 40)]
    assert "Complaint Handling Code" in p.law


def test_schema_1_figures_keep_their_wording_under_the_childrens_preset():
    labels = {f.path: (f.label, f.definition) for f in fields_for(preset("children"))}
    assert labels["complaints.stage2"] == ("Stage 2 complaints", "Complaints considered at stage 2, the independent investigation.")
    assert labels["complaints.stage3"] == ("Stage 3 complaints", "Complaints considered at stage 3, the review panel.")
    assert labels["timeliness.stage1_on_time"] == ("Stage 1 responses on time", "Stage 1 responses sent within the statutory timescale.")
    assert [f.path for f in COUNT_FIELDS] == [
        "complaints.contacts", "complaints.informal", "complaints.stage1", "complaints.stage2", "complaints.stage3",
        "outcomes.upheld", "outcomes.partially_upheld", "outcomes.not_upheld", "outcomes.withdrawn", "outcomes.fault_found",
        "timeliness.stage1_on_time", "timeliness.stage1_responded", "ombudsman.complaints", "ombudsman.investigated",
        "ombudsman.upheld", "context.social_care_contacts", "context.referrals", "compliments",
    ]
    assert [s.label for s in STATISTICS if "escalation" in s.name] == [
        "Formal complaints escalated to stage 2", "Stage 2 complaints escalated to stage 3"]


def test_a_procedure_has_only_its_own_stages_figures_and_statistics():
    adults = {f.path for f in fields_for(preset("adults"))}
    corporate = {f.path for f in fields_for(preset("corporate"))}
    assert not {p for p in adults if re.search(r"stage[23]", p)}
    assert "complaints.contacts" not in adults and "complaints.informal" not in adults and "context.referrals" in adults
    assert {"complaints.stage2", "outcomes_stage2.upheld", "timeliness.stage2_average_days"} <= corporate
    assert not {p for p in corporate if "stage3" in p}
    assert [s.name for s in statistics_for(preset("adults"))] == [
        "upheld_rate", "partially_upheld_rate", "fault_found_rate", "not_upheld_rate", "stage1_on_time_rate",
        "ombudsman_upheld_rate", "stage1_extended_rate"]
    assert "stage2_on_time_rate" in {s.name for s in statistics_for(preset("corporate"))}
    for field in fields_for(preset("adults")):
        assert "stage 2" not in (field.label + field.definition).lower()


def test_the_adults_preset_words_the_combined_outcome_well_founded():
    fields = {f.path: f for f in fields_for(preset("adults"))}
    assert fields["outcomes.fault_found"].label == "Well-founded"
    assert fields["timeliness.stage1_on_time"].definition == "Local stage responses sent within the time agreed with the complainant."
    assert {s.name: s.label for s in statistics_for(preset("adults"))}["fault_found_rate"] == "Formal complaints well-founded"


CUSTOM = {
    "name": "Lincolnshire adult social care complaints procedure",
    "law": None,
    "stages": [
        {"id": "stage1", "name": "Stage one", "called": "team response", "respond_within": 15, "extended_within": 30},
        {"id": "stage2", "name": "Stage two", "called": "head of service review", "respond_within": 20},
    ],
    "after": "Local Government and Social Care Ombudsman",
    "terms": {"timescale": "the council's own timescale"},
}


def test_a_custom_procedure_declared_in_settings_words_the_data_dictionary():
    settings = read_settings({"council": {**COUNCIL, "procedure": CUSTOM}})
    procedure = settings.council.procedure
    assert procedure.name == CUSTOM["name"] and procedure.stages[1].timescale == "a response within 20 working days"
    fields = {f.path: f for f in fields_for(procedure)}
    assert fields["complaints.stage2"].label == "Stage two complaints"
    assert fields["complaints.stage2"].definition == "Complaints considered at stage two, the head of service review."
    assert fields["timeliness.stage2_on_time"].definition == "Stage two responses sent within the council's own timescale."
    assert "complaints.stage3" not in fields
    assert {s.name: s.label for s in statistics_for(procedure)}["stage2_escalation_rate"] == "Formal complaints escalated to stage two"


def test_a_single_series_site_follows_the_childrens_preset_unless_told():
    assert read_settings({"council": COUNCIL}).council.procedure == preset("children")
    assert read_settings({"council": {**COUNCIL, "procedure": "housing"}}).council.procedure == preset("housing")


def test_bad_procedure_settings_give_one_line_each():
    bad = {
        "name": "", "stages": [{"id": "stage2", "name": "One", "respond_within": 0, "extended_within": 400},
                                {"id": "stage2", "name": "Two", "respond_within": 10, "extended_within": 5, "colour": "red"}],
        "early_resolution": "yes", "terms": {"upheld": "x"}, "annual_report": "all of it",
    }
    with pytest.raises(SettingsError) as err:
        read_settings({"council": {**COUNCIL, "procedure": bad, "how_to_complain": "http://example.gov.uk/complain"}},
                      {"extra.council.procedure": 7, "extra.council.procedure.stages": 9})
    assert str(err.value).splitlines() == [
        "mkdocs.yml: extra.council.how_to_complain: 'http://example.gov.uk/complain' is not an https address (expected the "
        "council's page on how to make a complaint, e.g. https://www.example.gov.uk/complaints; never a person's name or e-mail)",
        "mkdocs.yml:7: extra.council.procedure.annual_report: expected a list of texts, got 'all of it'",
        "mkdocs.yml:7: extra.council.procedure.early_resolution: expected true or false, got 'yes'",
        "mkdocs.yml:7: extra.council.procedure.name: is required (expected text)",
        "mkdocs.yml:7: extra.council.procedure.terms.upheld: unknown setting (expected one of: fault_found, timescale, process)",
        "mkdocs.yml:9: extra.council.procedure.stages[1].extended_within: expected a number of working days from 1 to "
        "365, or null, got 400",
        "mkdocs.yml:9: extra.council.procedure.stages[1].id: expected stage1 (stages are listed in order: stage1, "
        "stage2, stage3), got 'stage2'",
        "mkdocs.yml:9: extra.council.procedure.stages[1].respond_within: expected a number of working days from 1 to 365, or null, got 0",
        "mkdocs.yml:9: extra.council.procedure.stages[2].colour: unknown setting (expected one of: id, name, called, "
        "respond_within, extended_within, convene_within, timescale_text)",
        "mkdocs.yml:9: extra.council.procedure.stages[2].extended_within: 5 is less than respond_within (10); it is the "
        "whole time allowed with an extension",
    ]


@pytest.mark.parametrize("value, message", [
    ("kids", "extra.council.procedure: 'kids' is not a preset procedure (expected one of: children, adults, corporate, housing; "
             "or a custom procedure written as a group of settings)"),
    (3, "extra.council.procedure: expected a preset id (children, adults, corporate, housing) or a group of settings, got 3"),
    ({"name": "P", "stages": []}, "extra.council.procedure.stages: expected a list of 1 to 3 stages, each with id and name, got []"),
    ({"name": "P", "stages": [{"id": f"stage{n}", "name": str(n)} for n in range(1, 5)]},
     "extra.council.procedure.stages: lists 4 stages, more than 3 (the figures have names for stages 1 to 3)"),
    ({"name": "P\u202e", "stages": [{"id": "stage1", "name": "One"}]},
     "extra.council.procedure.name: holds U+202E, which is not allowed in text (write it on one line, without invisible characters)"),
])
def test_each_wrong_procedure_is_one_line(value, message):
    procedure, problems = read_procedure(value, "mkdocs.yml", "extra.council.procedure")
    assert procedure is None
    assert [str(p) for p in problems] == [f"mkdocs.yml: {message}"]


def test_every_preset_reads_without_a_problem():
    for pid in PRESET_IDS:
        assert preset(pid).id == pid and 1 <= len(preset(pid).stages) <= 3


def test_no_stage_name_law_or_timescale_is_written_in_the_data_layer():
    """Stage names, laws and timescales come from the procedure files."""
    pattern = re.compile(r"stage [123]|independent investigation|review panel|statutory", re.IGNORECASE)
    for name in ("fields.py", "model.py", "load.py", "stats.py", "procedures.py", "series.py", "schema.py"):
        found = [line for line in (REPORT / name).read_text().splitlines() if pattern.search(line)]
        assert not found, f"report/{name}: {found}"


def test_the_json_schema_describes_series_files_and_procedures():
    import json

    import jsonschema
    import yaml

    schema = json.loads((REPORT.parent / "data" / "schema.json").read_text())
    series = {"$schema": schema["$schema"], "$defs": schema["$defs"], **schema["$defs"]["series"]}
    for pid in PRESET_IDS:
        jsonschema.validate({"title": "X", "procedure": yaml.safe_load((REPORT / "procedures" / f"{pid}.yaml").read_text())}, series)
        jsonschema.validate({"title": "X", "procedure": pid, "order": 1, "moved_from_root": True}, series)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "X", "procedure": {"name": "P", "stages": [{"id": "stage4", "name": "Four"}]}}, series)
    assert "timeliness.stage2_average_days" not in json.dumps(schema["properties"]["revisions"])  # an average is not revised
