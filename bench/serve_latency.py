#!/usr/bin/env python3
"""Save-to-served latency of `redvest serve`.

How long after an editor saves a story does the dev server serve the new
text?  Python 3 standard library only.  Run from the repository root:

    python3 bench/serve_latency.py [--pages 10000] [--runs 20]

What it does:

1. Generates the benchmark corpus with the shared generator,
       python3 ../shared/bench/gen_corpus.py --pages N --seed 42 --flavor redvest
           --out /dev/shm/redvest-serve-bench-N
   (reused when that folder already holds a corpus of N pages and that seed;
   one folder per N so that runs at 1,000 and 10,000 pages do not clobber
   each other), and copies the repository's themes/ into it.
2. Builds `target/release/redvest` with `cargo build --release` if it is
   missing (or always, with --rebuild).
3. Starts `target/release/redvest serve --root <corpus> --port <free port>`
   and waits for its "serving the site at" line; the first build's time is
   read from the summary line printed before it ("... built in 1.23 s").
4. For each run: picks a story (seeded random, a different one each run),
   writes its text plus a unique marker line to a temporary file beside it
   (`.<name>.swp`, which redvest ignores) and renames it over the story, as
   editors save; the clock starts just before the rename.  Then it GETs the
   story's URL, `/stories/<file stem>/`, every 2 ms until the body contains
   the marker, and records the elapsed time.
5. Prints a Markdown table: pages, runs, first build, min, median, p90, max
   of the latency (ms), and the median of the rebuild times the server itself
   reports ("rebuilt after a change to ... in N ms").
6. Stops the server (terminate, wait) and puts the edited stories back as
   they were.

The corpus lives in /dev/shm (tmpfs) because the machine's disk is slow at
making files; nothing is written to disk by the server anyway.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")
BINARY = os.path.join(REPO, "target", "release", "redvest")
STAMP = ".serve-bench-corpus"


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10000, help="corpus size (default 10000)")
    ap.add_argument("--runs", type=int, default=20, help="edits to time (default 20)")
    ap.add_argument("--seed", default="42", help="corpus seed (default 42)")
    ap.add_argument("--out", help="corpus folder (default /dev/shm/redvest-serve-bench-<pages>)")
    ap.add_argument("--interval", type=float, default=0.002, help="poll interval in s (default 0.002)")
    ap.add_argument("--pause", type=float, default=0.2, help="quiet time between runs in s (default 0.2)")
    ap.add_argument("--timeout", type=float, default=60.0, help="give up on one run after s (default 60)")
    ap.add_argument("--rebuild", action="store_true", help="run cargo build --release even if the binary exists")
    return ap.parse_args()


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def corpus(args):
    out = args.out or f"/dev/shm/redvest-serve-bench-{args.pages}"
    stamp = f"pages={args.pages} seed={args.seed}\n"
    stamp_path = os.path.join(out, STAMP)
    try:
        with open(stamp_path, encoding="utf-8") as f:
            reuse = f.read() == stamp
    except OSError:
        reuse = False
    if reuse:
        log(f"reusing the corpus in {out}")
    else:
        if os.path.exists(out):
            shutil.rmtree(out)
        log(f"generating {args.pages} pages into {out}")
        subprocess.run([sys.executable, GEN, "--pages", str(args.pages), "--out", out,
                        "--seed", str(args.seed), "--flavor", "redvest"], check=True)
        with open(stamp_path, "w", encoding="utf-8") as f:
            f.write(stamp)
    themes = os.path.join(out, "themes")
    if os.path.exists(themes):
        shutil.rmtree(themes)
    shutil.copytree(os.path.join(REPO, "themes"), themes)
    return out


def binary(args):
    if args.rebuild or not os.path.exists(BINARY):
        log("cargo build --release")
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)
    return BINARY


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `redvest serve`, its output collected by two threads."""

    def __init__(self, exe, root, port):
        self.port = port
        self.lines = []
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [exe, "serve", "--root", root, "--port", str(port)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", errors="replace")
        for stream in (self.proc.stdout, self.proc.stderr):
            threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream):
        for line in stream:
            with self.lock:
                self.lines.append(line.rstrip("\n"))
            if "serving the site at" in line:
                self.ready_at = time.perf_counter()
                self.ready.set()

    def output(self):
        with self.lock:
            return list(self.lines)

    def wait_ready(self, timeout):
        deadline = time.perf_counter() + timeout
        while not self.ready.wait(0.05):
            if self.proc.poll() is not None or time.perf_counter() > deadline:
                raise SystemExit("redvest serve did not start:\n" + "\n".join(self.output()))
        return self.ready_at - self.started

    def first_build(self):
        for line in self.output():
            m = re.search(r"built in ([0-9.]+) s", line)
            if m:
                return float(m.group(1))
        return None

    def rebuild_times(self):
        times = []
        for line in self.output():
            m = re.search(r"^rebuilt after a change to .* in ([0-9.]+) ms", line)
            if m:
                times.append(float(m.group(1)))
        return times

    def get(self, path):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers={"Connection": "close"})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def stories(root):
    found = []
    base = os.path.join(root, "content", "stories")
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if name.endswith(".md") and not name.startswith((".", "_")) and name != "index.md":
                found.append(os.path.join(dirpath, name))
    return found


def save_like_an_editor(path, text):
    """Writes a temp file beside `path` and renames it over; returns the time of the rename."""
    folder, name = os.path.split(path)
    temp = os.path.join(folder, f".{name}.swp")
    with open(temp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    t0 = time.perf_counter()
    os.replace(temp, path)
    return t0


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def main():
    args = parse_args()
    root = corpus(args)
    exe = binary(args)
    candidates = stories(root)
    if not candidates:
        raise SystemExit(f"no stories in {root}")
    rng = random.Random(f"serve-bench:{args.seed}")
    order = rng.sample(candidates, len(candidates))
    originals = {}
    latencies = []
    server = Server(exe, root, free_port())
    try:
        ready = server.wait_ready(timeout=600)
        log(f"server ready after {ready:.2f} s on port {server.port}")
        run = 0
        while len(latencies) < args.runs:
            if not order:
                raise SystemExit("ran out of stories that are served")
            path = order.pop()
            url = f"/stories/{os.path.splitext(os.path.basename(path))[0]}/"
            status, _ = server.get(url)
            if status != 200:
                log(f"skipping {url}: {status}")
                continue
            with open(path, encoding="utf-8") as f:
                original = f.read()
            originals.setdefault(path, original)
            run += 1
            marker = f"serve-bench-marker-{run}-{rng.getrandbits(48):012x}"
            text = original.rstrip("\n") + f"\n\n{marker}\n"
            needle = marker.encode()
            t0 = save_like_an_editor(path, text)
            deadline = t0 + args.timeout
            while True:
                status, body = server.get(url)
                if needle in body:
                    elapsed = time.perf_counter() - t0
                    break
                if time.perf_counter() > deadline:
                    raise SystemExit(f"{url}: marker not served after {args.timeout} s "
                                     f"(last status {status})\n" + "\n".join(server.output()[-20:]))
                time.sleep(args.interval)
            latencies.append(elapsed * 1000)
            log(f"run {run:3}: {url} {elapsed * 1000:8.1f} ms")
            time.sleep(args.pause)
    finally:
        server.stop()
        for path, original in originals.items():
            save_like_an_editor(path, original)

    lat = sorted(latencies)
    first = server.first_build()
    rebuilds = server.rebuild_times()
    cols = ["pages", "runs", "first build", "min", "median", "p90", "max", "server rebuild (median)"]
    row = [
        f"{args.pages:,}",
        str(len(lat)),
        f"{first:.2f} s" if first is not None else "?",
        f"{lat[0]:.1f} ms",
        f"{statistics.median(lat):.1f} ms",
        f"{percentile(lat, 90):.1f} ms",
        f"{lat[-1]:.1f} ms",
        f"{statistics.median(rebuilds):.0f} ms" if rebuilds else "?",
    ]
    print("| " + " | ".join(cols) + " |")
    print("|" + "|".join("---" for _ in cols) + "|")
    print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
