"""python manage.py ingest PATH... — store articles from files, folders and JSONL."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from tqdm import tqdm

from claims.pipeline.errors import PipelineError
from claims.services.articles import article_ingest

TEXT_SUFFIXES = {".txt": False, ".html": True, ".htm": True}
METADATA_FIELDS = ("title", "url", "outlet", "original_publisher", "language", "published_at")
# Long runs get a progress bar; a handful of files just gets the summary.
PROGRESS_FROM = 10


@dataclass
class Item:
    """One article to ingest and where it came from."""

    origin: str
    raw: str | bytes | None = None
    is_html: bool | None = None
    metadata: dict = field(default_factory=dict)
    problem: str = ""


class Command(BaseCommand):
    help = (
        "Ingest articles from .txt and .html files, folders of them, and .jsonl files with "
        "one article per line ({text | html, title, url, outlet, original_publisher, "
        "language, published_at}). A file NAME.txt may have metadata in NAME.meta.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)

    def handle(self, *args, paths, **options):
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")
        files = sorted({f for p in paths for f in _files(p)})
        counts: Counter[str] = Counter()
        failures: list[str] = []
        items = (item for f in files for item in _items(f))
        bar = tqdm(items, unit="article", disable=True if len(files) < PROGRESS_FROM else None)
        for item in bar:
            outcome, reason = _ingest(item)
            counts[outcome] += 1
            if reason:
                failures.append(f"{item.origin}: {reason}")
        self.stdout.write(
            f"Ingested {sum(counts.values())} article(s): {counts['new']} new, "
            f"{counts['duplicate']} duplicate, {counts['failed']} failed."
        )
        for line in failures:
            self.stderr.write(f"  failed {line}")
        if failures:
            raise CommandError(f"{len(failures)} article(s) could not be ingested.")


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for f in path.rglob("*"):
            if f.is_file() and (f.suffix.lower() in TEXT_SUFFIXES or f.suffix == ".jsonl"):
                yield f
    else:
        yield path


def _items(path: Path) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_items(path)
    elif suffix in TEXT_SUFFIXES:
        yield Item(
            origin=str(path),
            raw=path.read_bytes(),
            is_html=TEXT_SUFFIXES[suffix],
            metadata=_sidecar(path),
        )
    else:
        yield Item(origin=str(path), problem="unsupported file type (use .txt, .html or .jsonl)")


def _sidecar(path: Path) -> dict:
    meta = path.with_name(f"{path.stem}.meta.json")
    return json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}


def _jsonl_items(path: Path) -> Iterator[Item]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            origin = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Item(origin=origin, problem=f"not valid JSON ({exc})")
                continue
            if not isinstance(record, dict):
                yield Item(origin=origin, problem="each line must be a JSON object")
                continue
            has_html = isinstance(record.get("html"), str)
            body = record.get("html") if has_html else record.get("text")
            if not isinstance(body, str):
                yield Item(origin=origin, problem='needs a "text" or "html" string')
                continue
            yield Item(
                origin=origin,
                raw=body,
                is_html=True if has_html else None,
                metadata={k: record[k] for k in METADATA_FIELDS if record.get(k)},
            )


def _ingest(item: Item) -> tuple[str, str]:
    if item.problem:
        return "failed", item.problem
    metadata = dict(item.metadata)
    try:
        if "published_at" in metadata:
            metadata["published_at"] = _parse_when(metadata["published_at"])
        result = article_ingest(raw=item.raw, is_html=item.is_html, **metadata)
    except PipelineError as exc:
        return "failed", f"{exc.message} [{exc.code}]"
    except ValidationError as exc:
        return "failed", "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    except (TypeError, ValueError) as exc:
        return "failed", str(exc)
    return ("new" if result.created else "duplicate"), ""


def _parse_when(value):
    parsed = parse_datetime(str(value)) or parse_date(str(value))
    if parsed is None:
        raise ValueError(f"published_at is not a date or ISO 8601 time: {value!r}")
    if not isinstance(parsed, datetime):
        parsed = datetime.combine(parsed, time())
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
