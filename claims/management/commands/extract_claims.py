"""python manage.py extract_claims FILE... — claims as JSON lines, without a database."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.pipeline import extract
from claims.pipeline.clean import decode
from claims.pipeline.errors import PipelineError
from claims.pipeline.types import NORMALISED_FIELDS

FIELDS = (
    "file",
    "kind",
    *NORMALISED_FIELDS,
    "sentence",
    "start",
    "end",
    "text",
    "score",
    "role",
    "flagged",
)
HTML_SUFFIXES = {".html", ".htm"}


class Command(BaseCommand):
    help = (
        "Extract claims from text or HTML files and print one JSON object per claim. "
        "Offsets point into the cleaned text (for plain text, the file itself). Claims "
        "found in captions and page furniture are left out unless --include-flagged."
    )
    # Reads files and prints; never touches the database.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
        parser.add_argument(
            "--include-flagged",
            action="store_true",
            help="Also print claims found in captions and boilerplate (flagged: true).",
        )

    def handle(self, *args, files, format, include_flagged, **options):
        writer = _writer(format, self.stdout)
        failures = []
        for path in files:
            try:
                rows = _claims_of(path, include_flagged=include_flagged)
            except (OSError, PipelineError) as exc:
                reason = exc.message if isinstance(exc, PipelineError) else exc.strerror
                failures.append(f"{path}: {reason}")
                self.stderr.write(f"{path}: {reason}")
                continue
            for row in rows:
                writer(row)
        if failures:
            raise CommandError(f"{len(failures)} file(s) could not be read.")


def _claims_of(path: Path, *, include_flagged: bool) -> list[dict]:
    raw = decode(path.read_bytes())
    result = extract(raw, is_html=True if path.suffix.lower() in HTML_SUFFIXES else None)
    sentences = {s.index: s.text for s in result.sentences}
    rows = []
    for claim in result.claims:
        if claim.flagged and not include_flagged:
            continue
        record = asdict(claim)
        record.update(file=str(path), sentence=sentences.get(claim.sentence_index, ""))
        rows.append({field: _plain(record.get(field)) for field in FIELDS})
    return rows


def _plain(value):
    # Whole numbers print as integers: 7, not 7.0.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _writer(format: str, stream):
    if format == "csv":
        table = csv.DictWriter(stream, fieldnames=FIELDS, lineterminator="\n")
        table.writeheader()
        return table.writerow
    return lambda row: stream.write(json.dumps(row, ensure_ascii=False))
