"""Output files that hash and measure what is written to them, as it is written."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from claims.releases.context import ReleaseContext
from claims.releases.direct_io import DirectFile
from claims.releases.formats.claimreview import FEED_TAIL, feed_head
from claims.releases.formats.claims import CLAIM_COLUMNS
from claims.releases.formats.sources import SOURCE_COLUMNS
from claims.releases.formats.table import csv_header
from claims.releases.render import PER_CLAIM

HEADERS = {"claims.csv": csv_header(CLAIM_COLUMNS), "sources.csv": csv_header(SOURCE_COLUMNS)}


@dataclass(frozen=True)
class FileRecord:
    """A finished file: the facts datapackage.json and the release row keep about it."""

    name: str
    bytes: int
    sha256: str

    def as_json(self) -> dict:
        return {"name": self.name, "bytes": self.bytes, "sha256": self.sha256}


class FileSink:
    """A file being written, with its running sha256 and size."""

    def __init__(self, directory: Path, name: str):
        self.name = name
        self._file = DirectFile(directory / name)
        self._hash = hashlib.sha256()
        self._bytes = 0

    def write(self, data: bytes) -> None:
        self._hash.update(data)
        self._file.write(data)
        self._bytes += len(data)

    def close(self) -> FileRecord:
        self._file.close()
        return FileRecord(self.name, self._bytes, self._hash.hexdigest())

    def discard(self) -> None:
        self._file.discard()


class FeedSink:
    """The DataFeed file: a head, the ClaimReview objects as array elements, a tail.

    It is fed the lines of claimreview.jsonl, so it holds the same bytes and streams
    along with it: each newline but the last becomes ",\\n".
    """

    def __init__(self, directory: Path, name: str, *, head: str, tail: str):
        self._sink = FileSink(directory, name)
        self._sink.write(head.encode("utf-8"))
        self._tail = tail.encode("utf-8")
        self._empty = True

    def write_lines(self, lines: bytes) -> None:
        """Add whole lines, each ending with a newline."""
        if not lines:
            return
        if not self._empty:
            self._sink.write(b",\n")  # apart: adding it to the elements would copy them
        self._sink.write(lines[:-1].replace(b"\n", b",\n"))
        self._empty = False

    def close(self) -> FileRecord:
        self._sink.write(self._tail if self._empty else b"\n" + self._tail)
        return self._sink.close()

    def discard(self) -> None:
        self._sink.discard()


class ClaimFiles:
    """The five per-claim files and the feed, fed chunk by chunk in claim order."""

    def __init__(self, ctx: ReleaseContext, directory: Path):
        self.sinks = {name: FileSink(directory, name) for name in PER_CLAIM}
        for name, header in HEADERS.items():
            self.sinks[name].write(header.encode("utf-8"))
        head = feed_head(
            name=f"{ctx.publisher['name']}: ClaimReview feed",
            version=ctx.version,
            publisher=ctx.publisher,
            license=ctx.license,
        )
        self.feed = FeedSink(directory, "claimreview-feed.json", head=head, tail=FEED_TAIL)

    def write(self, name: str, data: bytes) -> None:
        """Append ``data`` (whole lines) to one file; the feed follows claimreview.jsonl."""
        self.sinks[name].write(data)
        if name == "claimreview.jsonl":
            self.feed.write_lines(data)

    def close(self) -> list[FileRecord]:
        return [*(sink.close() for sink in self.sinks.values()), self.feed.close()]

    def discard(self) -> None:
        for sink in [*self.sinks.values(), self.feed]:
            sink.discard()
