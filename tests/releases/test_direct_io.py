"""Release files written past the page cache hold exactly the bytes given, any size."""

import os

import pytest

from claims.releases.direct_io import BLOCK, DirectFile


def _pieces(total: int, step: int) -> list[bytes]:
    data = bytes((k * 7 + k // 251) % 256 for k in range(min(total, 1 << 16)))
    data = (data * (total // len(data) + 1))[:total] if total else b""
    return [data[k : k + step] for k in range(0, total, step)]


@pytest.mark.parametrize(
    ("total", "step"),
    [(0, 1), (1, 1), (4095, 1000), (BLOCK - 1, 65536), (BLOCK, BLOCK), (BLOCK + 1, 999_983),
     (3 * BLOCK + 12345, 5 * BLOCK)],
)  # fmt: skip
def test_the_file_holds_every_byte_written_and_nothing_more(tmp_path, total, step):
    pieces = _pieces(total, step)
    target = DirectFile(tmp_path / "out.bin")
    for piece in pieces:
        target.write(piece)
    target.close()
    assert (tmp_path / "out.bin").read_bytes() == b"".join(pieces)


def test_without_direct_io_the_page_cache_gets_the_same_bytes(tmp_path):
    target = DirectFile(tmp_path / "out.bin", direct=False)
    assert target.direct is False
    pieces = _pieces(BLOCK + 77, 300_000)
    for piece in pieces:
        target.write(piece)
    target.close()
    assert (tmp_path / "out.bin").read_bytes() == b"".join(pieces)


def test_direct_io_is_used_where_the_file_system_allows_it(tmp_path):
    target = DirectFile(tmp_path / "out.bin")
    try:
        # The test folder is on a disk file system; this is what the release relies on
        # for its speed, so a silent fallback should show here.
        assert target.direct is bool(getattr(os, "O_DIRECT", 0))
    finally:
        target.discard()


def test_a_discarded_file_keeps_only_whole_blocks_already_written(tmp_path):
    target = DirectFile(tmp_path / "out.bin")
    target.write(b"x" * (BLOCK + 10))
    target.discard()
    assert (tmp_path / "out.bin").stat().st_size == BLOCK
