"""The JSON Schema of data files (schema version 1), made from ``fields``."""

from __future__ import annotations

import json

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
    TOP_LEVEL_KEYS,
)

__all__ = ["json_schema", "schema_text"]

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
                                            "properties": {"id": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$", "not": {"enum": ["name", "count"]}},
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
                  "properties": {"date": {"type": "string", "format": "date"}, "field": {"enum": paths},
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
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
