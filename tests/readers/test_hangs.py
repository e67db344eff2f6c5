"""Issue 24, done-when 2: inputs that used to hang a run end within their limits, with a clear
message: a FIFO in an input folder, a decompression bomb (built here), a server on loopback that
drips one byte at a time."""

from __future__ import annotations

import gzip
import io
import os
import socket
import threading
import time

import pytest

from storyline.config import Settings
from storyline.errors import ReaderError
from storyline.readers import read
from storyline.readers.fetch import Fetcher


def _finished(work, seconds: float = 60.0):
    """Run `work` in a thread; its result, or a failure if it has not returned in `seconds`
    (the test's bound on a hang, not a speed figure)."""
    out: dict = {}
    thread = threading.Thread(target=lambda: out.setdefault("result", work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: it hangs"
    return out["result"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_in_a_folder_is_named_and_passed(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text("Strike\n\nDockworkers in Velstad struck on Monday over pay.\n", encoding="utf-8")
    items = _finished(lambda: list(read([str(tmp_path)], Settings(environ={}))))
    errors = [str(i) for i in items if isinstance(i, ReaderError)]
    assert len(errors) == 1 and "pipe.txt" in errors[0] and "FIFO" in errors[0]
    assert sum(not isinstance(i, ReaderError) for i in items) == 1


def test_a_decompression_bomb_is_cut_off_with_what_came_before_kept(tmp_path):
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as g:
        g.write(b'{"id": "first", "text": "Dockworkers in Velstad struck on Monday over pay."}\n')
        for _ in range(256):  # 256 MB of empty lines, about 250 KB compressed
            g.write(b"\n" * (1 << 20))
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(buffer.getvalue())
    items = _finished(lambda: list(read([str(path)], Settings(environ={}))))
    assert [i.name for i in items if not isinstance(i, ReaderError)] == ["first"]
    (error,) = [str(i) for i in items if isinstance(i, ReaderError)]
    assert "decompression bomb" in error and "max_gzip_ratio" in error
    # a normal gzip input is untouched by the limit
    normal = tmp_path / "normal.jsonl.gz"
    normal.write_bytes(gzip.compress(b'{"id": "n", "text": "The ferry to Velstad is late again this week."}\n' * 2000))
    items = list(read([str(normal)], Settings(environ={})))
    assert not any(isinstance(i, ReaderError) for i in items) and len(items) == 2000


def _dripping_server():
    """A loopback server that answers with headers at once, then one byte every 0.3 s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    stop = threading.Event()

    def serve():
        listener.settimeout(10)
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 1000\r\n\r\n")
            for _ in range(1000):
                if stop.is_set():
                    return
                try:
                    conn.sendall(b"<")
                except OSError:
                    return
                time.sleep(0.3)

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml", stop, listener


def test_a_server_dripping_bytes_is_cut_off_at_the_total_fetch_limit():
    url, stop, listener = _dripping_server()
    settings = Settings({"feed_timeout": 5.0, "fetch_total_seconds": 1.5, "feed_min_interval": 0.0}, environ={})
    fetcher = Fetcher(settings)
    try:
        def fetch():
            try:
                fetcher.get(url)
            except ReaderError as exc:
                return str(exc)
            return "fetched"

        message = _finished(fetch, 30)
    finally:
        stop.set()
        fetcher.close()
        listener.close()
    assert "too slow" in message and "fetch_total_seconds" in message


def test_line_and_decompressed_size_limits_end_a_file_with_what_came_before_kept(tmp_path):
    first = b'{"id": "first", "text": "Dockworkers in Velstad struck on Monday over pay."}\n'
    path = tmp_path / "blank.jsonl"
    path.write_bytes(first + b"\n" * 5000)
    items = list(read([str(path)], Settings({"max_lines_per_file": 1000}, environ={})))
    assert [i.name for i in items if not isinstance(i, ReaderError)] == ["first"]
    (error,) = [str(i) for i in items if isinstance(i, ReaderError)]
    assert "max_lines_per_file" in error and "line 1001" in error
    packed = tmp_path / "big.jsonl.gz"
    packed.write_bytes(gzip.compress(first + b'{"id": "x", "text": "' + b"harbour " * 300_000 + b'"}\n'))
    items = list(read([str(packed)], Settings({"max_decompressed_mb": 1.0, "max_input_mb": 5.0}, environ={})))
    assert [i.name for i in items if not isinstance(i, ReaderError)] == ["first"]
    assert any("max_decompressed_mb" in str(i) for i in items if isinstance(i, ReaderError))
