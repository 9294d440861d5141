"""Rendered chunks travel from a rendering process to the release as one frame."""

import multiprocessing
import os
import threading

import pytest

from claims.releases.workers import receive_buffers, send_buffers


def _send_from_thread(channel, buffers):
    sender = threading.Thread(target=send_buffers, args=(channel, buffers))
    sender.start()
    return sender


def test_every_buffer_arrives_whole_and_in_order_whatever_its_size():
    ours, theirs = multiprocessing.Pipe()
    buffers = [b"", os.urandom(5 << 20), b"x", bytes(range(256)) * 12_000, b"", b"last\n"]
    sender = _send_from_thread(theirs, buffers)
    received = receive_buffers(ours, len(buffers))
    sender.join()
    assert [bytes(b) for b in received] == buffers


def test_frames_follow_each_other_and_ordinary_messages_on_the_same_channel():
    ours, theirs = multiprocessing.Pipe()

    def talk():
        for n in range(3):
            theirs.send(("chunk", n))
            send_buffers(theirs, [bytes([n]) * (70_000 * (n + 1)), b"members"])

    sender = threading.Thread(target=talk)
    sender.start()
    for n in range(3):
        assert ours.recv() == ("chunk", n)
        data, members = receive_buffers(ours, 2)
        assert data == bytes([n]) * (70_000 * (n + 1)) and members == b"members"
    sender.join()


def test_a_sender_that_goes_away_mid_frame_is_an_end_of_file():
    ours, theirs = multiprocessing.Pipe()
    # A header announcing 10 bytes, and only 3 of them.
    os.write(theirs.fileno(), (10).to_bytes(8, "big") + b"abc")
    theirs.close()
    with pytest.raises(EOFError):
        receive_buffers(ours, 1)
