"""Checks of the release formats written from their specifications, not from our writers.

The ClaimReview profile is schema.org's ClaimReview as DESIGN.md §8 narrows it; the FEVER
record is the FEVER shared task's; the Data Package rules are Frictionless v2's.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path, PurePosixPath

import jsonschema

URL = {"type": "string", "pattern": "^https?://"}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
CREATIVE_WORK = {
    "type": "object",
    "required": ["@type"],
    "properties": {
        "@type": {"const": "CreativeWork"},
        "url": URL,
        "headline": {"type": "string", "minLength": 1},
        "datePublished": DATE,
        "publisher": {
            "type": "object",
            "required": ["@type", "name"],
            "properties": {"@type": {"const": "Organization"}, "name": {"type": "string"}},
        },
    },
}
PARTY = {
    "type": "object",
    "required": ["@type", "name"],
    "properties": {
        "@type": {"enum": ["Person", "Organization"]},
        "name": {"type": "string", "minLength": 1},
        "url": URL,
    },
}
CLAIMREVIEW_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "datePublished",
        "author",
        "reviewRating",
        "itemReviewed",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "ClaimReview"},
        "url": URL,
        "claimReviewed": {"type": "string", "minLength": 1},
        "datePublished": DATE,
        "author": {
            **PARTY,
            "properties": {**PARTY["properties"], "@type": {"const": "Organization"}},
        },
        "reviewBody": {"type": "string", "minLength": 1},
        "reviewRating": {
            "type": "object",
            "required": ["@type", "alternateName"],
            "properties": {
                "@type": {"const": "Rating"},
                "alternateName": {"type": "string", "minLength": 1},
                "ratingValue": {"type": "integer"},
                "worstRating": {"type": "integer"},
                "bestRating": {"type": "integer"},
            },
            # A number comes with its bounds, and bounds never come without a number.
            "dependentRequired": {
                "ratingValue": ["worstRating", "bestRating"],
                "worstRating": ["ratingValue"],
                "bestRating": ["ratingValue"],
            },
            "additionalProperties": False,
        },
        "itemReviewed": {
            "type": "object",
            "required": ["@type", "appearance", "firstAppearance"],
            "properties": {
                "@type": {"const": "Claim"},
                "author": PARTY,
                "datePublished": DATE,
                "appearance": {"type": "array", "minItems": 1, "items": CREATIVE_WORK},
                "firstAppearance": CREATIVE_WORK,
            },
        },
    },
}

FEVER_ITEM = {
    "type": "array",
    "prefixItems": [
        {"type": ["integer", "null"]},
        {"type": ["integer", "null"]},
        {"type": ["string", "null"]},
        {"type": ["integer", "null"]},
    ],
    "minItems": 4,
    "maxItems": 4,
}
FEVER_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["id", "label", "claim", "evidence"],
    "properties": {
        "id": {"type": "integer"},
        "verifiable": {"enum": ["VERIFIABLE", "NOT VERIFIABLE"]},
        "label": {"enum": ["SUPPORTS", "REFUTES", "NOT ENOUGH INFO"]},
        "claim": {"type": "string", "minLength": 1},
        "evidence": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "array", "minItems": 1, "items": FEVER_ITEM},
        },
    },
}


def validate(instance, schema) -> None:
    jsonschema.Draft202012Validator(schema).validate(instance)


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def csv_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


def package_problems(folder: Path) -> list[str]:
    """Frictionless Data Package v2 rules, checked file by file."""
    problems = []
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resources = package.get("resources")
    if not resources:
        return ["resources must not be empty"]
    names = [r["name"] for r in resources]
    if len(set(names)) != len(names):
        problems.append(f"resource names repeat: {names}")
    for name in names:
        if not re.fullmatch(r"[a-z0-9._-]+", name):
            problems.append(f"bad resource name {name}")
    keys = {}
    for resource in resources:
        path = PurePosixPath(resource["path"])
        if path.is_absolute() or ".." in path.parts or ":" in resource["path"]:
            problems.append(f"{resource['path']} is not a relative path")
            continue
        data = (folder / path).read_bytes()
        if resource["bytes"] != len(data):
            problems.append(f"{path}: bytes {resource['bytes']} != {len(data)}")
        if resource["hash"] != "sha256:" + hashlib.sha256(data).hexdigest():
            problems.append(f"{path}: hash differs")
        schema = resource.get("schema")
        if not schema:
            continue
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        fields = [f["name"] for f in schema["fields"]]
        if rows[0] != fields:
            problems.append(f"{path}: header {rows[0]} != fields {fields}")
        body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        key = [tuple(row[k] for k in schema["primaryKey"]) for row in body]
        if len(set(key)) != len(key):
            problems.append(f"{path}: primary key not unique")
        keys[resource["name"]] = (schema["primaryKey"], set(key), body, schema)
    for name, (_, _, body, schema) in keys.items():
        for foreign in schema.get("foreignKeys", []):
            target_fields, target_keys, _, _ = keys[foreign["reference"]["resource"]]
            if foreign["reference"]["fields"] != target_fields:
                problems.append(f"{name}: foreign key does not reference a primary key")
            for row in body:
                if tuple(row[f] for f in foreign["fields"]) not in target_keys:
                    problems.append(f"{name}: {row} does not resolve")
    return problems
