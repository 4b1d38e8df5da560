#!/usr/bin/env python3
"""Search evaluation: redvest's own index against Pagefind, on the benchmark corpus.

    python3 bench/search_eval.py --site DIR [--pagefind /path/to/venv/bin/python]

DIR is a corpus made by `../shared/bench/gen_corpus.py --flavor redvest` with
`themes/` copied in. The script builds it with target/release/redvest (timed
with and without the search index written: the index's files are what the
build adds), runs Pagefind (`python -m pagefind`, the PyPI package of the same
engine as the `pagefind` crate; `pip install 'pagefind[extended]'`) over the
output, serves the output on a local port and drives headless Chromium over
the DevTools protocol (a pipe; Python standard library only) to search both
ways. Figures:

- recall on 200 exact names of people drawn from the corpus (a page is
  relevant when its Markdown source holds the name);
- precision of the top 10 for two-character queries (a result is right when
  its source holds the query);
- index size on disk per page; bytes loaded for a query (a fresh page each
  query, nothing cached: the search script and the index files, not the page);
- time to first result after the last keystroke, in a loaded page, cold (the
  first query) and warm (later queries).
"""

import argparse
import functools
import http.server
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BIN = os.path.join(REPO, "target", "release", "redvest")
T2S = os.path.join(REPO, "src", "search", "t2s.txt")


def fold_table():
    table = {}
    with open(T2S, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                table[parts[0]] = parts[1]
    return table


FOLD = fold_table()


def fold(text):
    return "".join(FOLD.get(c, c) for c in text.lower())


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

def sources(site):
    """{url path below the base: folded Markdown source} for every item."""
    out = {}
    content = os.path.join(site, "content")
    for section in ("stories", "reports", "announcements"):
        folder = os.path.join(content, section)
        for name in os.listdir(folder):
            if name.endswith(".md"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    out[f"{section}/{name[:-3]}/"] = fold(f.read())
    return out


def names(site, count, seed):
    found = set()
    for section in ("stories",):
        folder = os.path.join(site, "content", section)
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                found.update(re.findall(r'- name: "([^"]+)"', f.read()))
    rng = random.Random(seed)
    return rng.sample(sorted(found), count)


def two_char_queries(site, count, seed):
    """Two-character words: the first two characters of names, places and
    campaign words, drawn at random."""
    pool = set()
    folder = os.path.join(site, "content", "stories")
    for name in sorted(os.listdir(folder))[:400]:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        for n in re.findall(r'- name: "([^"]+)"', text):
            pool.add(n[:2])
        for r in re.findall(r'region: "([^"]+)"', text):
            pool.add(r[:2])
        for t in re.findall(r'title: "([^"]+)"', text):
            t = re.sub(r"[^\u4e00-\u9fff]", "", t)
            if len(t) >= 4:
                pool.add(t[2:4])
    rng = random.Random(seed)
    return rng.sample(sorted(pool), min(count, len(pool)))


# ---------------------------------------------------------------------------
# Chromium over the DevTools pipe
# ---------------------------------------------------------------------------

class Chromium:
    def __init__(self, binary="chromium"):
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()

        self.profile = f"/tmp/search-eval-profile-{os.getpid()}"
        # Chromium reads the protocol from fd 3 and writes to fd 4.
        self.proc = subprocess.Popen(
            ["sh", "-c", f'exec "$0" "$@" 3<&{to_r} 4>&{from_w}', binary,
             "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-pipe", f"--user-data-dir={self.profile}", "about:blank"],
            pass_fds=(to_r, from_w),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self.out = os.fdopen(to_w, "wb", buffering=0)
        self.inp = os.fdopen(from_r, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        self.call("Network.enable", session=True)
        self.call("Network.setCacheDisabled", {"cacheDisabled": True}, session=True)
        self.call("Page.enable", session=True)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        self.out.write(json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self.buf:
                chunk = self.inp.read(1 << 16)
                if not chunk:
                    raise RuntimeError("chromium went away")
                self.buf += chunk
            raw, self.buf = self.buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def eval(self, expression):
        r = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                           "returnByValue": True}, session=True)
        if "exceptionDetails" in r:
            raise RuntimeError(json.dumps(r["exceptionDetails"])[:800])
        return r["result"].get("value")

    def goto(self, url, ready):
        self.call("Page.navigate", {"url": url}, session=True)
        for _ in range(400):
            time.sleep(0.05)
            try:
                if self.eval(ready):
                    return
            except RuntimeError:
                pass
        raise RuntimeError(f"{url} did not get ready")

    def close(self):
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def serve(folder):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# ---------------------------------------------------------------------------
# The two engines, as the browser runs them
# ---------------------------------------------------------------------------

OURS_SEARCH = """(async () => {
  const box = document.getElementById('search-q'), list = document.getElementById('search-results');
  redvestSearch.last = null; box.value = %s;
  const t0 = performance.now();
  box.dispatchEvent(new Event('input', {bubbles: true}));
  while (!list.firstElementChild && !(redvestSearch.last && redvestSearch.last.length === 0)) {
    await new Promise(r => setTimeout(r, 1));
  }
  const t1 = performance.now();
  return {ms: t1 - t0, ids: redvestSearch.last || []};
})()"""

PF_SEARCH = """(async () => {
  if (!window.pf) { window.pf = await import(%s); await pf.options({}); }
  const t0 = performance.now();
  const r = await pf.search(%s);
  const first = r.results.length ? await r.results[0].data() : null;
  const t1 = performance.now();
  const top = [], texts = [];
  for (const x of r.results.slice(0, 10)) { const d = await x.data(); top.push(d.url); texts.push(d.content); }
  return {ms: t1 - t0, count: r.results.length, top: top, texts: texts,
          all: %s ? await Promise.all(r.results.map(async x => (await x.data()).url)) : []};
})()"""

BYTES = """performance.getEntriesByType('resource')
  .filter(e => /\\/(search|pagefind)\\/|search\\.js/.test(e.name))
  .reduce((s, e) => s + (e.encodedBodySize || e.transferSize || 0), 0)"""


def our_urls(public):
    """The URL (below the base) of every page of our index, by page number."""
    urls, folder = [], os.path.join(public, "search", "d")
    n = 0
    while os.path.exists(os.path.join(folder, f"{n}.js")):
        with open(os.path.join(folder, f"{n}.js"), encoding="utf-8") as f:
            text = f.read()
        urls.extend(r["url"] for r in json.loads(text[text.index("[") : text.rindex(")")]))
        n += 1
    return urls


def rel(url, base):
    url = url.split("#")[0]
    return url[len(base):] if url.startswith(base) else url.lstrip("/")


def dir_size(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs)


def evaluate(args):
    site = os.path.abspath(args.site)
    public = os.path.join(site, "public")
    with open(os.path.join(site, "site.yaml"), encoding="utf-8") as f:
        base = "/" + re.search(r"base_url:\s*\S+?//[^/]+/(\S*)", f.read()).group(1)
    base = base if base.endswith("/") else base + "/"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795305600")
    times = []
    for _ in range(args.runs):
        shutil.rmtree(public, ignore_errors=True)
        t = time.monotonic()
        subprocess.run([args.redvest, "build", "--root", site], stdout=subprocess.DEVNULL, check=True, env=env)
        times.append(time.monotonic() - t)
    build = statistics.median(times)
    pages = len(sources(site))
    ours_size = dir_size(os.path.join(public, "search")) - os.path.getsize(
        os.path.join(public, "search", "index.html"))
    report = {"pages": pages, "redvest_build_s": round(build, 3),
              "ours_index_bytes": ours_size, "ours_bytes_per_page": round(ours_size / pages)}

    pf_time = None
    if args.pagefind:
        t = time.monotonic()
        subprocess.run([args.pagefind, "-m", "pagefind", "--site", public, "--quiet"], check=True)
        pf_time = time.monotonic() - t
        pf_size = dir_size(os.path.join(public, "pagefind"))
        report.update({"pagefind_s": round(pf_time, 3), "pagefind_index_bytes": pf_size,
                       "pagefind_bytes_per_page": round(pf_size / pages)})
    # Staged below the base path, as a server would publish it.
    root = f"/tmp/search-eval-www-{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.dirname(os.path.join(root, base.strip("/"))), exist_ok=True)
    os.symlink(public, os.path.join(root, base.strip("/")) if base != "/" else root + "/x")
    www = os.path.join(root, base.strip("/")) if base != "/" else public
    server = serve(root if base != "/" else public)
    origin = f"http://127.0.0.1:{server.server_port}"
    page = origin + base + "search/"
    src = sources(site)
    urls = [rel(u, base) for u in our_urls(public)]
    wanted_names = names(site, 200, args.seed)
    pairs = two_char_queries(site, args.two, args.seed)
    chrome = Chromium(args.chromium)
    ready = "!!(window.redvestSearch && document.getElementById('search-q'))"
    try:
        for engine in ["ours"] + (["pagefind"] if args.pagefind else []):
            misses, relevant, found = 0, 0, 0
            cold, warm, loaded, precision = [], [], [], []
            def run(q, full):
                if engine == "ours":
                    r = chrome.eval(OURS_SEARCH % json.dumps(q))
                    ranked = [urls[i] for i in r["ids"]]
                    return r["ms"], [src.get(u, "") for u in ranked[:10]], ranked
                r = chrome.eval(PF_SEARCH % (json.dumps(base + "pagefind/pagefind.js"),
                                             json.dumps(q), "true" if full else "false"))
                # Pagefind also finds list pages: a result is judged by the
                # text Pagefind indexed of it.
                return r["ms"], [fold(t) for t in r["texts"]], [rel(u, base) for u in r["all"]]
            # Cold: a fresh page, the first query (bytes counted here too).
            for q in wanted_names[: args.cold]:
                chrome.goto(page, ready)
                ms, _, _ = run(q, False)
                cold.append(ms)
                loaded.append(chrome.eval(BYTES))
            chrome.goto(page, ready)
            run(wanted_names[0], False)
            for q in wanted_names:
                ms, _, ranked = run(q, True)
                warm.append(ms)
                truth = {u for u, text in src.items() if fold(q) in text}
                got = set(ranked)
                relevant += len(truth)
                found += len(truth & got)
                misses += bool(truth - got)
            for q in pairs:
                _, top, _ = run(q, False)
                if top:
                    precision.append(sum(fold(q) in text for text in top) / len(top))
            # Bytes of a fresh page per two-character query.
            for q in pairs[: args.cold]:
                chrome.goto(page, ready)
                run(q, False)
                loaded.append(chrome.eval(BYTES))
            report[engine] = {
                "recall_names": round(found / max(relevant, 1), 4),
                "names_with_a_miss": misses,
                "precision_top10_two_chars": round(statistics.mean(precision), 4) if precision else None,
                "queries_below_9_of_10": sum(p < 0.9 for p in precision),
                "bytes_loaded_median": int(statistics.median(loaded)),
                "bytes_loaded_max": int(max(loaded)),
                "first_result_ms_cold_median": round(statistics.median(cold), 1),
                "first_result_ms_warm_median": round(statistics.median(warm), 1),
                "first_result_ms_warm_max": round(max(warm), 1),
            }
            print(json.dumps({engine: report[engine]}, ensure_ascii=False), file=sys.stderr)
    finally:
        chrome.close()
        server.shutdown()
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False, indent=2))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", required=True)
    ap.add_argument("--pagefind", help="a Python with the pagefind package")
    ap.add_argument("--redvest", default=BIN, help="the redvest binary (release)")
    ap.add_argument("--chromium", default="chromium")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cold", type=int, default=10, help="fresh-page queries")
    ap.add_argument("--two", type=int, default=50, help="two-character queries")
    ap.add_argument("--seed", type=int, default=42)
    evaluate(ap.parse_args())


if __name__ == "__main__":
    main()
