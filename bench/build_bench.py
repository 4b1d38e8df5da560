#!/usr/bin/env python3
"""Build-speed benchmark of `redvest build`.

Makes sites of 1,000, 10,000 and 100,000 pages with the shared corpus
generator (`../shared/bench/gen_corpus.py --flavor redvest`), then for each
size times a cold build (no output yet) and a rebuild with nothing changed,
and reports wall time, pages per second, CPU time (user + system), peak RSS
and output size. Python 3 standard library plus GNU time (/usr/bin/time).

    python3 bench/build_bench.py                     # 1k, 10k, 100k on /dev/shm
    python3 bench/build_bench.py --pages 10000 --runs 5
    python3 bench/build_bench.py --pages 10000 --disk  # output on this disk too

Corpus and output live on tmpfs (/dev/shm) by default: this machine's disk is
slow at making files, which would hide everything else. `--disk` adds the
figure with the output in a folder on the repository's disk.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GEN = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")
BIN = os.path.join(REPO, "target", "release", "redvest")
EPOCH = "1795305600"


def corpus(pages, base):
    """The corpus for `pages`, generated once and reused."""
    out = os.path.join(base, f"redvest-bench-{pages}")
    stamp = os.path.join(out, ".bench-stamp")
    if not (os.path.exists(stamp) and open(stamp).read() == f"{pages} 42"):
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, GEN, "--pages", str(pages), "--out", out,
                        "--seed", "42", "--flavor", "redvest"], check=True)
        with open(stamp, "w") as f:
            f.write(f"{pages} 42")
    shutil.rmtree(os.path.join(out, "themes"), ignore_errors=True)
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(out, "themes"))
    return out


def timed_build(root, output):
    """Runs one build; returns (wall s, cpu s, peak RSS MiB, summary line)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as t:
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
        proc = subprocess.run(
            ["/usr/bin/time", "-o", t.name, "-f", "%e %U %S %M",
             BIN, "build", "--root", root, "--output", output],
            env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"build failed:\n{proc.stderr}")
        wall, user, system, rss_kb = t.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss_kb) / 1024, proc.stdout.strip()


def du(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    return total / 1024 / 1024


def measure(pages, runs, base, out_base):
    root = corpus(pages, base)
    output = os.path.join(out_base, f"redvest-bench-out-{pages}")
    cold, again = [], []
    for _ in range(runs):
        shutil.rmtree(output, ignore_errors=True)
        cold.append(timed_build(root, output))
        again.append(timed_build(root, output))
    size = du(output)
    shutil.rmtree(output, ignore_errors=True)
    return cold, again, size


def row(label, pages, results, size):
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    rss = max(r[2] for r in results)
    # A rebuild with nothing changed renders no page: no rate to give (and
    # its wall time can round to zero).
    rate = f"{pages / wall:,.0f}" if label != "no change" and wall > 0 else "—"
    return (f"| {pages:,} | {label} | {wall:.2f} s | {rate} | "
            f"{cpu:.2f} s | {rss:,.0f} MiB | {size:,.0f} MiB |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, action="append",
                    help="site size (repeatable); default 1000, 10000, 100000")
    ap.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    ap.add_argument("--tmp", default="/dev/shm", help="where corpus and output live")
    ap.add_argument("--disk", action="store_true",
                    help="also time builds with the output on the repository's disk")
    args = ap.parse_args()
    sizes = args.pages or [1000, 10000, 100000]
    # Always: a binary left from an older checkout would measure old code.
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    print("| pages | build | wall (median) | pages/s | CPU | peak RSS | output |")
    print("|---|---|---|---|---|---|---|")
    for pages in sizes:
        runs = args.runs if pages < 100000 else max(1, min(args.runs, 2))
        cold, again, size = measure(pages, runs, args.tmp, args.tmp)
        print(row("cold", pages, cold, size), flush=True)
        print(row("no change", pages, again, size), flush=True)
        if args.disk:
            cold, again, size = measure(pages, runs, args.tmp, os.path.join(REPO, "target"))
            print(row("cold, on disk", pages, cold, size), flush=True)
    print(f"\n{os.cpu_count()} cores; last summary line: {cold[-1][3]}")


if __name__ == "__main__":
    main()
