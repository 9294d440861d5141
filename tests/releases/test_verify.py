"""release verify finds every kind of damage a release folder can suffer."""

import csv
import hashlib
import io
import json

import pytest

from claims.releases.verify import verify_directory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def folder(claims, publish):
    return publish()[1]


def _rehash(folder):
    """Make datapackage.json agree with the files again, so only content checks can fail."""
    path = folder / "datapackage.json"
    package = json.loads(path.read_text())
    for resource in package["resources"]:
        data = (folder / resource["path"]).read_bytes()
        resource["bytes"] = len(data)
        resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    path.write_text(json.dumps(package, indent=2))


def _rows(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def _line(row):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    return out.getvalue()


def _set(text, number, column, value):
    rows = _rows(text)
    rows[number][rows[0].index(column)] = value
    return "".join(_line(row) for row in rows)


def _edit(folder, name, change):
    path = folder / name
    text = path.read_bytes().decode("utf-8")
    path.write_bytes(change(text).encode("utf-8"))
    _rehash(folder)


def test_a_sound_release_has_no_problems(folder):
    assert verify_directory(folder) == []


def test_a_changed_size_and_hash_are_both_reported(folder):
    with (folder / "fever.jsonl").open("a") as handle:
        handle.write("\n")
    problems = verify_directory(folder)
    assert any("fever.jsonl: is" in p and "bytes" in p for p in problems)
    assert any("fever.jsonl: sha256" in p for p in problems)


def test_missing_and_unlisted_files_are_reported(folder):
    (folder / "sources.csv").unlink()
    (folder / "notes.txt").write_text("draft")
    problems = verify_directory(folder)
    assert "sources.csv: is missing" in problems
    assert "notes.txt: is not listed in datapackage.json" in problems


def _swap_header(text):
    return text.replace("claim_id,kind", "kind,claim_id", 1)


def _out_of_bounds(text):
    return text.replace('"ratingValue":5', '"ratingValue":9', 1)


def _second_number(text):
    return text.replace('"True","ratingValue":5', '"True","ratingValue":4', 1)


DAMAGE = {
    "header": ("claims.csv", _swap_header, "differs from the schema"),
    "repeated-key": ("claims.csv", lambda t: t + _line(_rows(t)[2]), "primary key"),
    "free-text": ("claims.csv", lambda t: _set(t, 1, "counted", "2x, or 3"), None),
    "dangling-foreign-key": (
        "sources.csv",
        lambda t: _set(t, 1, "claim_id", "999999"),
        "has no claims row",
    ),
    "enum": ("sources.csv", lambda t: _set(t, 1, "stance", "agrees"), "is not one of"),
    "datetime": (
        "claims.csv",
        lambda t: t.replace("2024-03-01T12:00:00Z", "yesterday", 1),
        "not a valid datetime",
    ),
    "rating-bounds": ("claimreview.jsonl", _out_of_bounds, "not within 1..5"),
    "rating-number": ("claimreview.jsonl", _second_number, "has the number"),
    "fever-label": ("fever.jsonl", lambda t: t.replace('"REFUTES"', '"FALSE"', 1), "FEVER label"),
    "json": ("claims.jsonl", lambda t: "{oops\n" + t, "is not JSON"),
    "feed-comma": (
        "claimreview-feed.json",
        lambda t: t.replace("},\n", "}\n", 1),
        "missing its comma",
    ),
}


@pytest.mark.parametrize(("name", "change", "expected"), DAMAGE.values(), ids=DAMAGE.keys())
def test_content_that_breaks_its_schema_is_reported(folder, name, change, expected):
    _edit(folder, name, change)
    problems = verify_directory(folder)
    if expected is None:  # a string column may hold anything
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


def test_package_rules_on_names_and_paths_are_enforced(folder):
    path = folder / "datapackage.json"
    package = json.loads(path.read_text())
    package["resources"][1]["name"] = package["resources"][0]["name"]
    package["resources"][2]["path"] = "/etc/passwd"
    package["version"] = "latest"
    path.write_text(json.dumps(package))
    problems = verify_directory(folder)
    assert any("is not unique" in p for p in problems)
    assert any("'/etc/passwd' is not a relative path" in p for p in problems)
    assert any("is not semver" in p for p in problems)
