"""Output files that hash and measure what is written to them, as it is written."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

BUFFER = 1 << 20


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
        self._file = open(directory / name, "wb", buffering=BUFFER)  # noqa: SIM115
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
        self._file.close()


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
        elements = lines[:-1].replace(b"\n", b",\n")
        self._sink.write(elements if self._empty else b",\n" + elements)
        self._empty = False

    def close(self) -> FileRecord:
        self._sink.write(self._tail if self._empty else b"\n" + self._tail)
        return self._sink.close()

    def discard(self) -> None:
        self._sink.discard()
