"""`manage.py extract_claims` prints the pipeline's claims as JSON lines, no database."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
SEED = next((PROJECT / "seeds").glob("*.txt"))
KEYS = {
    "file", "kind", "value", "value_min", "value_max", "qualifier", "counted", "unit",
    "actor", "location", "speaker", "speaker_role", "speech_verb", "quote", "sentence",
    "start", "end", "score", "role",
}  # fmt: skip


def _extract(*args):
    # No DATABASE_URL and an unwritable SQLite path: the command must not need a database.
    env = {"DEBUG": "true", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:////nonexistent/x.db"}
    return subprocess.run(
        [sys.executable, "manage.py", "extract_claims", *map(str, args)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_seed_article_prints_one_json_object_per_claim_with_every_key():
    result = _extract(SEED)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        assert row.keys() >= KEYS
        assert row["file"] == str(SEED)
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["role"] in {"headline", "body"}
    killed = [r for r in rows if r["kind"] == "casualty" and r["value"] == 7]
    assert killed and killed[0]["qualifier"] == "at_least" and killed[0]["value_max"] is None
    assert any(r["kind"] == "quote" and r["speaker"] == "Antony Blinken" for r in rows)


def test_flagged_claims_from_page_furniture_are_printed_only_on_request():
    plain = [json.loads(line) for line in _extract(SEED).stdout.splitlines()]
    everything = [
        json.loads(line) for line in _extract(SEED, "--include-flagged").stdout.splitlines()
    ]
    flagged = [r for r in everything if r["flagged"]]
    assert flagged and all(r["role"] in {"caption", "boilerplate"} for r in flagged)
    assert len(everything) == len(plain) + len(flagged)


def test_html_goes_through_the_same_cleaning_and_csv_has_a_header(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><script>var x = 'At least 99 people were killed';</script></head>"
        "<body><article><p>Firefighters said at least 12 people were injured in the blaze."
        "</p></article></body></html>"
    )
    result = _extract(page, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["kind"], r["value"], r["qualifier"]) for r in rows] == [
        ("casualty", "12", "at_least")
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x00\x01\x02\x03binary", "NUL"), (b"caf\xe9", "UTF-8")],
)
def test_unreadable_files_are_reported_and_the_rest_still_printed(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = _extract(bad, SEED)
    assert result.returncode != 0
    assert str(bad) in result.stderr
    assert reason.lower() in result.stderr.lower()
    assert len(result.stdout.splitlines()) > 5
