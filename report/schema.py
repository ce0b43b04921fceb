"""The JSON Schema of data files (schema version 1), made from ``fields``."""

from __future__ import annotations

import functools
import json

from . import council_fields as cf
from .fields import (
    BREAKDOWN_BY,
    COUNT_GROUPS,
    MAX_BREAKDOWN_COLUMNS,
    MAX_BREAKDOWN_ROWS,
    MAX_BREAKDOWNS,
    MAX_COUNT,
    MAX_NAME_LENGTH,
    MAX_NOTES,
    MAX_REVISIONS,
    MAX_TEXT_LENGTH,
    MAX_THEMES,
    OTHER_DEFINITIONS,
    SERIES_DEFINITIONS,
    TOP_LEVEL_KEYS,
)
from .procedures import MAX_STAGES, MAX_WORKING_DAYS, PRESET_IDS, TERMS

__all__ = ["json_schema", "schema_text", "series_schema", "council_schema"]

_COUNT = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": MAX_COUNT}, {"type": "null"}]}
_NAME = {"type": "string", "minLength": 1, "maxLength": MAX_NAME_LENGTH}
_TEXT = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_LENGTH}


_DAYS = {"anyOf": [{"type": "number", "minimum": 0, "maximum": 9999.9, "multipleOf": 0.1}, {"type": "null"}]}


def _count(description: str) -> dict:
    return {"description": description, **_COUNT}


def _figure(field) -> dict:
    return {"description": field.definition, **(_DAYS if field.is_days else _COUNT)}


def json_schema() -> dict:
    """A JSON Schema (draft 2020-12) describing exactly the names of schema version 1."""
    paths = [f.path for group in COUNT_GROUPS.values() for f in group]
    counts = [f.path for group in COUNT_GROUPS.values() for f in group if not f.is_days]  # a revision changes a count
    props: dict = {
        "year": {"description": OTHER_DEFINITIONS["year"], "type": "string", "pattern": r"^\d{4}-\d{2}$"},
        "status": {"description": OTHER_DEFINITIONS["status"], "enum": ["draft", "published"]},
        "published": {"description": OTHER_DEFINITIONS["published"], "type": "string", "format": "date"},
        "presented_to": {"description": OTHER_DEFINITIONS["presented_to"], "type": ["string", "null"], "maxLength": MAX_NAME_LENGTH},
        "source": {
            "description": OTHER_DEFINITIONS["source"], "type": "object", "additionalProperties": False,
            "properties": {"title": {"type": ["string", "null"], "maxLength": MAX_NAME_LENGTH},
                           "url": {"type": ["string", "null"], "pattern": "^https?://", "maxLength": MAX_TEXT_LENGTH}},
        },
    }
    for name, fields in COUNT_GROUPS.items():
        if name == "compliments":
            props["compliments"] = _count(fields[0].definition)
            continue
        props[name] = {
            "type": ["object", "null"], "additionalProperties": False,
            "properties": {f.key: _figure(f) for f in fields},
        }
    props["quarters"] = {
        "description": OTHER_DEFINITIONS["quarters"], "type": ["array", "null"], "minItems": 4, "maxItems": 4, "items": _COUNT,
    }
    props["breakdowns"] = {
        "description": OTHER_DEFINITIONS["breakdowns"], "type": ["array", "null"], "maxItems": MAX_BREAKDOWNS,
        "items": {"type": "object", "additionalProperties": False, "required": ["title", "by", "rows"],
                  "properties": {
                      "title": _NAME, "by": {"enum": list(BREAKDOWN_BY)},
                      "columns": {"type": ["array", "null"], "maxItems": MAX_BREAKDOWN_COLUMNS,
                                  "items": {"type": "object", "additionalProperties": False, "required": ["id", "label"],
                                            "properties": {"id": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$",
                                                                  "not": {"enum": ["name", "count"]}},
                                                           "label": _NAME}}},
                      "rows": {"type": "array", "maxItems": MAX_BREAKDOWN_ROWS,
                               "items": {"type": "object", "required": ["name"],
                                         "properties": {"name": _NAME, "count": _COUNT},
                                         "additionalProperties": _COUNT}},
                      "note": {"type": ["string", "null"], "maxLength": MAX_TEXT_LENGTH}}},
    }
    props["themes"] = {
        "description": OTHER_DEFINITIONS["themes"], "type": ["array", "null"], "maxItems": MAX_THEMES,
        "items": {"type": "object", "additionalProperties": False, "required": ["name"],
                  "properties": {"name": _NAME, "count": _COUNT}},
    }
    props["notes"] = {
        "description": OTHER_DEFINITIONS["notes"], "type": ["array", "null"], "maxItems": MAX_NOTES,
        "items": {"type": "object", "additionalProperties": False, "required": ["text"],
                  "properties": {"text": _TEXT, "breaks": {"type": "array", "items": {"enum": paths}, "maxItems": len(paths)}}},
    }
    props["revisions"] = {
        "description": OTHER_DEFINITIONS["revisions"], "type": ["array", "null"], "maxItems": MAX_REVISIONS,
        "items": {"type": "object", "additionalProperties": False,
                  "required": ["date", "field", "from", "to", "reason"],
                  "properties": {"date": {"type": "string", "format": "date"}, "field": {"enum": counts},
                                 "from": _COUNT, "to": _COUNT, "reason": _TEXT}},
    }
    props = {key: props[key] for key in TOP_LEVEL_KEYS}  # the order of the schema spec
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "schema.json",
        "title": "Annual complaints figures of one report series for one reporting year (schema version 1)",
        "type": "object",
        "additionalProperties": False,
        "required": ["year", "status"],
        "properties": props,
        "if": {"properties": {"status": {"const": "published"}}},
        "then": {"required": ["published"]},
        "$defs": {"series": series_schema(), "procedure": _procedure(), "council_year": council_schema()},
    }


_DAYS_SETTING = {"anyOf": [{"type": "integer", "minimum": 1, "maximum": MAX_WORKING_DAYS}, {"type": "null"}]}
_OPTIONAL_NAME = {"type": ["string", "null"], "maxLength": MAX_NAME_LENGTH}


def _procedure() -> dict:
    """A complaints procedure written out (a custom one; the presets are the same mapping)."""
    stage = {
        "type": "object", "additionalProperties": False, "required": ["id", "name"],
        "properties": {"id": {"enum": [f"stage{n}" for n in range(1, MAX_STAGES + 1)]}, "name": _NAME, "called": _OPTIONAL_NAME,
                       "respond_within": _DAYS_SETTING, "extended_within": _DAYS_SETTING, "convene_within": _DAYS_SETTING,
                       "timescale_text": _OPTIONAL_NAME},
    }
    return {
        "type": "object", "additionalProperties": False, "required": ["name", "stages"],
        "properties": {
            "name": _NAME, "law": _OPTIONAL_NAME, "early_resolution": {"type": ["boolean", "null"]},
            "acknowledge_within": _DAYS_SETTING, "stages": {"type": "array", "minItems": 1, "maxItems": MAX_STAGES, "items": stage},
            "after": _OPTIONAL_NAME, "annual_report": {"type": ["array", "null"], "items": _TEXT},
            "terms": {"type": ["object", "null"], "additionalProperties": False,
                      "properties": {key: {"description": text, **_NAME} for key, text in TERMS.items()}},
        },
    }


def series_schema() -> dict:
    """A series.yaml: the settings of one report series (``data/<series>/series.yaml``)."""
    return {
        "type": "object", "additionalProperties": False, "required": ["title", "procedure"],
        "properties": {
            "title": {"description": SERIES_DEFINITIONS["title"], **_NAME},
            "procedure": {"description": SERIES_DEFINITIONS["procedure"],
                          "anyOf": [{"enum": list(PRESET_IDS)}, {"$ref": "#/$defs/procedure"}]},
            "committee": {"description": SERIES_DEFINITIONS["committee"], **_OPTIONAL_NAME},
            "how_to_complain": {"description": SERIES_DEFINITIONS["how_to_complain"], "type": ["string", "null"], "pattern": "^https://"},
            "order": {"description": SERIES_DEFINITIONS["order"], **_COUNT},
            "moved_from_root": {"description": SERIES_DEFINITIONS["moved_from_root"], "type": ["boolean", "null"]},
        },
    }


def _object(description: str | None, properties: dict, required: tuple[str, ...] = ()) -> dict:
    out = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        out["required"] = list(required)
    if description:
        out["description"] = description
    return out


def _list(description: str, item: dict, limit: int) -> dict:
    return {"description": description, "type": ["array", "null"], "maxItems": limit, "items": item}


_DATE = {"type": "string", "format": "date"}
_DATE_OR_NULL = {"anyOf": [_DATE, {"type": "null"}]}
_URL = {"type": ["string", "null"], "pattern": "^https://", "maxLength": MAX_TEXT_LENGTH}


def council_schema() -> dict:
    """The JSON Schema of a council-wide file, data/council/<year>.yaml (``$defs/council_year``)."""
    def figure(field: cf.CouncilField) -> dict:
        if field.kind == "count":
            return _count(field.definition)
        top = 100 if field.kind == "percent" else cf.MAX_PER_100K
        return {"description": field.definition, "anyOf": [{"type": "number", "minimum": 0, "maximum": top}, {"type": "null"}]}

    ombudsman = {"authority_type": {"description": cf.DEFINITIONS["ombudsman.authority_type"],
                                    "enum": [*cf.AUTHORITY_TYPES, None]}}
    ombudsman.update({f.key: figure(f) for f in cf.OMBUDSMAN_FIELDS})
    ombudsman["letter"] = {"description": cf.DEFINITIONS["ombudsman.letter"], "anyOf": [
        _object(None, {"date": _DATE_OR_NULL, "url": _URL}), {"type": "null"}]}
    ombudsman["reports"] = _list(cf.DEFINITIONS["ombudsman.reports"],
                                 _object(None, {"title": _NAME, "date": _DATE_OR_NULL, "url": _URL}, ("title",)), 50)
    running = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_LENGTH}
    code = {
        "variant": {"description": cf.DEFINITIONS["code.variant"], "enum": list(cf.CODE_VARIANTS)},
        "self_assessment": _list(cf.DEFINITIONS["code.self_assessment"], _object(None, {
            "section": {"type": ["string", "number"]}, "requirement": _NAME, "complies": {"enum": list(cf.COMPLIANCE)},
            "evidence": running, "action": {"type": ["string", "null"], "maxLength": MAX_TEXT_LENGTH}, "due": _DATE_OR_NULL,
        }, ("section", "requirement", "complies", "evidence")), cf.MAX_SELF_ASSESSMENT),
        "non_compliance": _list(cf.DEFINITIONS["code.non_compliance"],
                                _object(None, {"finding": running, "date": _DATE_OR_NULL}, ("finding",)), 100),
        "refused": _list(cf.DEFINITIONS["code.refused"], _object(None, {"type": _NAME, "count": _COUNT}, ("type",)), 50),
        "improvements": _list(cf.DEFINITIONS["code.improvements"], _object(None, {"text": running}, ("text",)), 100),
        "response": {"description": cf.DEFINITIONS["code.response"], "anyOf": [
            _object(None, {"committee": _NAME, "date": _DATE, "text": running}, ("committee", "date", "text")), {"type": "null"}]},
    }
    action = _object(None, {
        "id": {"type": "string", "pattern": f"^{cf.ACTION_ID}$"},
        "raised": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
        "learned": running, "change": running, "responsible": _NAME, "due": _DATE_OR_NULL,
        "status": {"enum": list(cf.ACTION_STATUSES)}, "progress": {"type": ["string", "null"], "maxLength": MAX_TEXT_LENGTH},
    }, ("id", "raised", "learned", "change", "responsible", "due", "status"))
    return {
        "title": "Council-wide figures for one reporting year: data/council/<year>.yaml",
        **_object(None, {
            "year": {"description": cf.DEFINITIONS["year"], "type": "string", "pattern": r"^\d{4}-\d{2}$"},
            "ombudsman": {"description": cf.DEFINITIONS["ombudsman"], "anyOf": [_object(None, ombudsman), {"type": "null"}]},
            "code": {"description": cf.DEFINITIONS["code"], "anyOf": [_object(None, code), {"type": "null"}]},
            "actions": _list(cf.DEFINITIONS["actions"], action, cf.MAX_ACTIONS),
        }, ("year",)),
    }


@functools.cache  # made of constants only; every version of a build writes it
def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
