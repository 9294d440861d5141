"""datapackage.json: a Frictionless Data Package (v2) describing every file of a release."""

from __future__ import annotations

import json
import re

from claims.releases.formats.table import Column

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


def table_schema(columns: list[Column], *, primary_key: str, foreign_keys=()) -> dict:
    """A Table Schema whose fields are the CSV's columns, in order."""
    fields = []
    for column in columns:
        field = {"name": column.name, "type": column.type}
        if column.type == "datetime":
            field["format"] = "default"
        if column.description:
            field["description"] = column.description
        if column.constraints:
            field["constraints"] = column.constraints
        fields.append(field)
    schema = {
        "$schema": TABLE_SCHEMA_PROFILE,
        "fields": fields,
        "fieldsMatch": "exact",
        "missingValues": [""],
        "primaryKey": [primary_key],
    }
    if foreign_keys:
        schema["foreignKeys"] = list(foreign_keys)
    return schema


def package_name(publisher: dict) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", publisher["name"].lower()).strip("-._")
    return f"{slug or 'factcheck'}-verified-claims"


def datapackage(
    *, version: str, created: str, publisher: dict, license: dict, resources: list[dict]
) -> bytes:
    """The package as bytes: two-space indented JSON, keys in a fixed order."""
    package = {
        "$schema": PROFILE,
        "name": package_name(publisher),
        "title": f"{publisher['name']}: verified claims",
        "description": (
            "Claims found in news articles and verified by a fact-checking desk, with their "
            "verdicts, the evidence behind them and where each claim appeared. "
            "See DATASHEET.md."
        ),
        "version": version,
        "created": created,
        "homepage": publisher["url"],
        "licenses": [license],
        "contributors": [
            {"title": publisher["name"], "path": publisher["url"], "roles": ["publisher"]}
        ],
        "keywords": ["fact-checking", "claims", "ClaimReview", "FEVER"],
        "resources": resources,
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
