import json
from pathlib import Path

import jsonschema
import yaml

from report.fields import COUNT_GROUPS, TOP_LEVEL_KEYS
from report.schema import json_schema, schema_text

DATA = Path(__file__).parent.parent / "data"


def test_committed_schema_is_current():
    assert (DATA / "schema.json").read_text() == schema_text(), "run: make schema"


def test_schema_names_exactly_the_schema_fields():
    schema = json_schema()
    assert tuple(schema["properties"]) == TOP_LEVEL_KEYS
    for group, fields in COUNT_GROUPS.items():
        if group != "compliments":
            assert list(schema["properties"][group]["properties"]) == [f.key for f in fields]


def test_example_files_validate_against_the_schema():
    schema = json.loads((DATA / "schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted(DATA.glob("*.yaml")):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        jsonschema.validate(data, schema)
        assert path.read_text().startswith("# yaml-language-server: $schema=./schema.json")
