"""The JSON Schema of data files (schema version 1), made from ``fields``."""

from __future__ import annotations

import json

from . import council_fields as cf
from .fields import (
    COUNT_GROUPS,
    MAX_COUNT,
    MAX_NAME_LENGTH,
    MAX_NOTES,
    MAX_REVISIONS,
    MAX_TEXT_LENGTH,
    MAX_THEMES,
    OTHER_DEFINITIONS,
    TOP_LEVEL_KEYS,
)

__all__ = ["json_schema", "schema_text", "council_schema"]

_COUNT = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": MAX_COUNT}, {"type": "null"}]}
_NAME = {"type": "string", "minLength": 1, "maxLength": MAX_NAME_LENGTH}
_TEXT = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_LENGTH}


def _count(description: str) -> dict:
    return {"description": description, **_COUNT}


def json_schema() -> dict:
    """A JSON Schema (draft 2020-12) describing exactly the names of schema version 1."""
    paths = [f.path for group in COUNT_GROUPS.values() for f in group]
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
            "properties": {f.key: _count(f.definition) for f in fields},
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
                  "properties": {"date": {"type": "string", "format": "date"}, "field": {"enum": paths},
                                 "from": _COUNT, "to": _COUNT, "reason": _TEXT}},
    }
    props = {key: props[key] for key in TOP_LEVEL_KEYS}  # the order of the schema spec
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "schema.json",
        "title": "Annual statutory complaints figures for one reporting year (schema version 1)",
        "type": "object",
        "additionalProperties": False,
        "required": ["year", "status"],
        "properties": props,
        "if": {"properties": {"status": {"const": "published"}}},
        "then": {"required": ["published"]},
        "$defs": {"council_year": council_schema()},
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


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
