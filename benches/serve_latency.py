#!/usr/bin/env python3
"""Measures `portolan serve`'s edit-to-reload latency on the shipped atlas.

Copies the atlas to a temporary folder, starts `target/release/portolan serve`, listens to the
live-reload event stream like a browser tab does, then edits one record N times and times each
edit from the file write to the `reload` event. Prints min, median, p95 and max in ms.

Usage: cargo build --release && benches/serve_latency.py [N]
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "portolan")
RECORD = os.path.join("content", "countries", "laos.md")


def events(port):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /__portolan/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
    stream = sock.makefile("rb")
    name = None
    for raw in stream:
        line = raw.decode().rstrip("\r\n")
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line == "" and name:
            yield name
            name = None


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    work = tempfile.mkdtemp(prefix="portolan-serve-latency-")
    try:
        for item in ("book.toml", "content", "assets"):
            src = os.path.join(ROOT, item)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(work, item))
            elif os.path.exists(src):
                shutil.copy(src, work)
        server = subprocess.Popen([BINARY, "--root", work, "serve", "--port", "0"], stderr=subprocess.PIPE, text=True)
        port = None
        for line in server.stderr:
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
                break
        stream = events(port)
        assert next(stream) == "ok"
        path = os.path.join(work, RECORD)
        original = open(path, encoding="utf-8").read()
        times = []
        for i in range(runs):
            text = original + f"\nEdit number {i}.\n"
            start = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            while next(stream) != "reload":
                pass
            times.append((time.perf_counter() - start) * 1000)
            time.sleep(0.2)  # let the background disk write finish, as between real edits
        server.terminate()
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"edit-to-reload over {runs} edits: min {times[0]:.1f} ms, median {statistics.median(times):.1f} ms, "
              f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
