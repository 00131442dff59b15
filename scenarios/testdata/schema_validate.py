"""Validates JSON instances against scsim's scenario schema, for schema_test.go.

Usage: python3 schema_validate.py SCHEMA.json INSTANCES.json

SCHEMA.json is the output of `scsim schema`; it is first checked against
the draft 2020-12 meta-schema. INSTANCES.json is an object mapping names to
instances. Prints a JSON object mapping each name to its list of errors,
"PATH: MESSAGE", empty for a valid instance.
"""
import json
import sys

from jsonschema import Draft202012Validator

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
with open(sys.argv[2], encoding="utf-8") as f:
    instances = json.load(f)
out = {}
for name, instance in instances.items():
    errs = []
    for e in validator.iter_errors(instance):
        path = "/".join(str(p) for p in e.absolute_path) or "(root)"
        errs.append(path + ": " + e.message)
    out[name] = sorted(errs)
json.dump(out, sys.stdout, indent=1, sort_keys=True)
