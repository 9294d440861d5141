"""Re-check a release folder: every size, hash and schema against datapackage.json.

``verify_directory(path)`` returns a list of problems, empty when the folder is a
sound release. It reads each file once, streaming; the only memory it keeps is the key
sets needed to check uniqueness and foreign keys.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from pathlib import Path, PurePosixPath

from claims.releases.models import SEMVER
from claims.releases.scale import FEVER_LABELS, NOT_ENOUGH_INFO

NAME = re.compile(r"^[a-z0-9._-]+$")
MAX_PROBLEMS_PER_FILE = 20
csv.field_size_limit(1 << 30)


class Problems(list):
    """Problems found so far, at most a few per file so that one bad column cannot flood."""

    def __init__(self):
        super().__init__()
        self._per_file: dict[str, int] = {}

    def add(self, where: str, message: str) -> None:
        count = self._per_file.get(where, 0) + 1
        self._per_file[where] = count
        if count <= MAX_PROBLEMS_PER_FILE:
            self.append(f"{where}: {message}")
        elif count == MAX_PROBLEMS_PER_FILE + 1:
            self.append(f"{where}: more problems not shown")


def verify_directory(directory: Path) -> list[str]:
    problems = Problems()
    try:
        package = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"datapackage.json: cannot be read: {exc}"]
    resources = _check_package(package, problems)
    listed = {"datapackage.json"}
    keys: dict[str, set] = {}
    for resource in resources:
        path = resource.get("path")
        if not isinstance(path, str) or not _relative(path):
            problems.add(str(resource.get("name")), f"path {path!r} is not a relative path")
            continue
        listed.add(path)
        if not _check_file(directory, resource, problems):
            continue
        if resource.get("format") == "csv":
            keys[resource["name"]] = _check_table(directory, resource, problems)
    for resource in resources:
        if resource.get("format") == "csv" and keys.get(resource.get("name")) is not None:
            _check_foreign_keys(directory, resource, keys, problems)
    _check_json_files(directory, {r.get("path") for r in resources}, problems)
    for extra in sorted(p.name for p in directory.iterdir() if p.name not in listed):
        problems.add(extra, "is not listed in datapackage.json")
    return list(problems)


def _relative(path: str) -> bool:
    pure = PurePosixPath(path)
    return not (pure.is_absolute() or ".." in pure.parts or "://" in path or "\\" in path)


def _check_package(package, problems: Problems) -> list[dict]:
    if not isinstance(package, dict):
        problems.add("datapackage.json", "is not a JSON object")
        return []
    if not SEMVER.match(str(package.get("version", ""))):
        problems.add("datapackage.json", f"version {package.get('version')!r} is not semver")
    try:
        dt.datetime.strptime(str(package.get("created")), "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        problems.add("datapackage.json", f"created {package.get('created')!r} is not a UTC time")
    for key in ("name", "licenses"):
        if not package.get(key):
            problems.add("datapackage.json", f"{key} is missing")
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        problems.add("datapackage.json", "resources must be a non-empty list")
        return []
    names = [r.get("name") for r in resources if isinstance(r, dict)]
    for name in names:
        if not isinstance(name, str) or not NAME.match(name):
            problems.add("datapackage.json", f"resource name {name!r} is not valid")
    for name in sorted({n for n in names if names.count(n) > 1}, key=str):
        problems.add("datapackage.json", f"resource name {name!r} is not unique")
    return [r for r in resources if isinstance(r, dict)]


def _check_file(directory: Path, resource: dict, problems: Problems) -> bool:
    path = directory / resource["path"]
    if not path.is_file():
        problems.add(resource["path"], "is missing")
        return False
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            size += len(block)
    if resource.get("bytes") != size:
        problems.add(resource["path"], f"is {size} bytes, the package says {resource.get('bytes')}")
    if resource.get("hash") != f"sha256:{digest.hexdigest()}":
        problems.add(resource["path"], f"sha256 is {digest.hexdigest()}, the package says "
                     f"{resource.get('hash')}")  # fmt: skip
    return True


# --- Tables ------------------------------------------------------------------------------


def _cell_error(value: str, field: dict) -> str | None:
    kind = field.get("type", "string")
    try:
        if kind == "integer":
            int(value)
        elif kind == "number":
            float(value)
        elif kind == "datetime":
            dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
        elif kind == "array" and not isinstance(json.loads(value), list):
            return "is not a JSON array"
    except ValueError:
        return f"{value[:40]!r} is not a valid {kind}"
    enum = (field.get("constraints") or {}).get("enum")
    if enum is not None and value not in enum:
        return f"{value!r} is not one of {', '.join(enum)}"
    return None


def _check_table(directory: Path, resource: dict, problems: Problems) -> dict | None:
    """Check header, cells and primary key; return the key values for foreign keys."""
    where = resource["path"]
    schema = resource.get("schema") or {}
    fields = schema.get("fields") or []
    names = [f.get("name") for f in fields]
    primary = schema.get("primaryKey") or []
    primary_at = [names.index(n) for n in primary if n in names]
    seen: set = set()
    with (directory / where).open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows, None)
        if header != names:
            problems.add(where, f"header {header} differs from the schema's fields {names}")
            return None
        for number, row in enumerate(rows, start=2):
            if len(row) != len(fields):
                problems.add(where, f"row {number} has {len(row)} cells, expected {len(fields)}")
                continue
            for value, field in zip(row, fields, strict=True):
                required = (field.get("constraints") or {}).get("required")
                if value == "":
                    if required:
                        problems.add(where, f"row {number}: {field['name']} is required")
                    continue
                error = _cell_error(value, field)
                if error:
                    problems.add(where, f"row {number}: {field['name']} {error}")
            key = tuple(row[i] for i in primary_at)
            if key in seen:
                problems.add(where, f"row {number}: primary key {key} is repeated")
            seen.add(key)
    return {"fields": primary, "values": seen}


def _check_foreign_keys(directory: Path, resource: dict, keys: dict, problems: Problems) -> None:
    schema = resource.get("schema") or {}
    names = [f.get("name") for f in schema.get("fields") or []]
    for foreign in schema.get("foreignKeys") or []:
        reference = foreign.get("reference") or {}
        if reference.get("resource") in keys and keys[reference["resource"]] is None:
            continue  # the referenced table is unreadable, which is reported already
        target = keys.get(reference.get("resource"))
        if target is None or list(reference.get("fields") or []) != list(target["fields"]):
            problems.add(resource["path"], f"foreign key {foreign} does not name a primary key")
            continue
        at = [names.index(n) for n in foreign.get("fields") or [] if n in names]
        with (directory / resource["path"]).open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            next(rows, None)
            for number, row in enumerate(rows, start=2):
                key = tuple(row[i] for i in at if i < len(row))
                if key not in target["values"]:
                    problems.add(resource["path"], f"row {number}: {key} has no "
                                 f"{reference.get('resource')} row")  # fmt: skip


# --- JSON files --------------------------------------------------------------------------


def _check_json_files(directory: Path, paths: set, problems: Problems) -> None:
    checks = {
        "claims.jsonl": _check_claim,
        "claimreview.jsonl": _check_claimreview,
        "fever.jsonl": _check_fever,
    }
    numbers: dict[str, int] = {}
    for name, check in checks.items():
        if name not in paths or not (directory / name).is_file():
            continue
        with (directory / name).open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    problems.add(name, f"line {number} is not JSON: {exc}")
                    continue
                error = check(record, numbers) if isinstance(record, dict) else "not an object"
                if error:
                    problems.add(name, f"line {number}: {error}")
    if {"claimreview.jsonl", "claimreview-feed.json"} <= paths:
        _check_feed(directory, problems)


def _check_claim(record: dict, numbers) -> str | None:
    if not isinstance(record.get("claim_id"), int):
        return "claim_id is not an integer"
    if not isinstance(record.get("sources"), list):
        return "sources is not a list"
    return None


def _check_claimreview(record: dict, numbers: dict) -> str | None:
    if record.get("@type") != "ClaimReview" or record.get("@context") != "https://schema.org":
        return "not a schema.org ClaimReview"
    rating = record.get("reviewRating") or {}
    label = rating.get("alternateName")
    if not label:
        return "reviewRating has no alternateName"
    value = rating.get("ratingValue")
    if value is not None:
        worst, best = rating.get("worstRating"), rating.get("bestRating")
        if not all(isinstance(v, int) for v in (worst, value, best)) or not worst <= value <= best:
            return f"ratingValue {value} is not within {worst}..{best}"
    if numbers.setdefault(label, value) != value:
        return f"{label!r} has the number {value} here and {numbers[label]} elsewhere"
    return None


def _check_fever(record: dict, numbers) -> str | None:
    if record.get("label") not in FEVER_LABELS:
        return f"label {record.get('label')!r} is not a FEVER label"
    if not isinstance(record.get("id"), int) or not isinstance(record.get("claim"), str):
        return "id or claim missing"
    evidence = record.get("evidence")
    if not isinstance(evidence, list) or not evidence:
        return "evidence is not a non-empty list of evidence sets"
    for group in evidence:
        if not isinstance(group, list) or not all(
            isinstance(item, list) and len(item) == 4 for item in group
        ):
            return "an evidence set is not a list of [id, id, page, sentence] items"
    if record["label"] != NOT_ENOUGH_INFO and evidence[0][0][2] is None:
        return "a verifiable claim without a source"
    return None


def _check_feed(directory: Path, problems: Problems) -> None:
    """The feed holds exactly the lines of claimreview.jsonl, as one valid JSON document."""
    name = "claimreview-feed.json"
    with (
        (directory / name).open(encoding="utf-8") as feed,
        (directory / "claimreview.jsonl").open(encoding="utf-8") as lines,
    ):
        head = feed.readline()
        try:
            document = json.loads(head.rstrip("\n") + "]}")
        except ValueError:
            problems.add(name, "the first line is not the start of a DataFeed")
            return
        if document.get("@type") != "DataFeed":
            problems.add(name, "is not a schema.org DataFeed")
        previous = None  # the element before, which needs a comma unless it is the last
        for number, element in enumerate(feed, start=2):
            expected = lines.readline()
            if element == "]}\n" and not expected:
                if previous is not None and not previous.endswith("}\n"):
                    problems.add(name, f"line {number - 1}: the last element ends with a comma")
                return
            if previous is not None and not previous.endswith("},\n"):
                problems.add(name, f"line {number - 1}: an element is missing its comma")
                return
            if element.rstrip(",\n") != expected.rstrip("\n"):
                problems.add(name, f"line {number} differs from claimreview.jsonl")
                return
            previous = element
        problems.add(name, "does not end with ]} or has fewer elements than claimreview.jsonl")
