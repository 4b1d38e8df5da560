#!/usr/bin/env bash
# Screenshots of the default theme in headless Chromium, and (with CHECK=1)
# an accessibility sweep of every page type in every reading mode.
#
#   cargo run --release -- build --base-url https://example.org/zyfw/
#   scripts/screenshots.sh [SITE_DIR] [BASE_PATH]        # default: public /zyfw/
#   CHECK=1 scripts/screenshots.sh                       # + axe-core sweep
#
# Screenshots: the home page, a campaign, the columns index and a story, at
# 375 px and 1280 px wide, in the normal and the high-contrast mode, at the
# largest text size (特大): the top three phone screens (375×2436) or two
# desktop screens (1280×1800), as 256-colour PNGs in docs/screenshots/
# (<page>-<width>-<mode>.png). The modes are set the way a reader sets them:
# the choice js/site.js keeps in localStorage.
#
# CHECK=1 runs axe-core (every rule, best practices included) on each page
# type — home, campaigns, a campaign, columns, a column, each kind's list and
# single page, a standalone page, tags, a tag, archive, a second list page and
# 404 — at both widths, in both colour modes, at 标准 and 特大; and on each it
# checks that no button or stand-alone link is under 44×44 px, that nothing
# scrolls sideways, and the body text size of the mode. It prints one line
# a page and mode, and exits 1 if anything was found.
#
# Needs: Chromium (CHROME_PATH, default /usr/bin/chromium), Node, and the
# validation lab's node_modules (playwright-core, axe-core) and serve.py,
# found through VALIDATE_DIR (default ../shared/validate beside the repo).
# Everything runs on 127.0.0.1; requests to other hosts are refused.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
SITE_DIR="$(cd "${1:-$here/public}" && pwd)"
BASE_PATH="${2:-/zyfw/}"
VALIDATE_DIR="${VALIDATE_DIR:-$here/../shared/validate}"
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
OUT="${OUT:-$here/docs/screenshots}"
NM="$VALIDATE_DIR/node_modules"

for need in "$NM/playwright-core" "$NM/axe-core" "$VALIDATE_DIR/lib/serve.py" "$CHROME_PATH"; do
  [ -e "$need" ] || { echo "missing: $need" >&2; exit 2; }
done
[ -f "$SITE_DIR/index.html" ] || { echo "no index.html in $SITE_DIR: build the site first" >&2; exit 2; }
mkdir -p "$OUT"

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

python3 "$VALIDATE_DIR/lib/serve.py" "$SITE_DIR" "$work/port" 600 "$BASE_PATH" 2>"$work/server.log" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "the server did not start" >&2; exit 2; }
origin="http://127.0.0.1:$(cat "$work/port")"

cat > "$work/run.mjs" <<'EOF'
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [nm, chrome, origin, base, out, check] = process.argv.slice(2);
const require = createRequire(path.join(nm, 'x.js'));
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');
const site = (p) => origin + base + p;

// The first page of each type that the site has, found from its own links.
const browser = await chromium.launch({
  executablePath: chrome,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function newContext(width, size, hc) {
  const ctx = await browser.newContext({
    viewport: { width, height: width < 600 ? 812 : 900 },
    deviceScaleFactor: 1, locale: 'zh-CN',
  });
  const host = new URL(origin).host;
  await ctx.route('**/*', (r) => {
    const u = new URL(r.request().url());
    return (u.protocol.startsWith('http') && u.host !== host) ? r.abort('blockedbyclient') : r.continue();
  });
  await ctx.addInitScript(([size, hc]) => {
    try {
      if (size === 'normal') localStorage.removeItem('redvest-size'); else localStorage.setItem('redvest-size', size);
      if (hc) localStorage.setItem('redvest-contrast', '1'); else localStorage.removeItem('redvest-contrast');
    } catch (e) {}
  }, [size, hc]);
  return ctx;
}

async function firstLink(ctx, from, prefix) {
  const page = await ctx.newPage();
  await page.goto(site(from));
  const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
  await page.close();
  const want = base + prefix;
  const hit = hrefs.find((h) => h.startsWith(want) && h !== want && !h.includes('/page/'));
  if (!hit) throw new Error(`no link to ${want}* on ${from}`);
  return hit.slice(base.length);
}

const probe = await newContext(1280, 'normal', false);
const campaign = await firstLink(probe, 'campaigns/', 'campaigns/');
const column = await firstLink(probe, 'columns/', 'columns/');
const story = await firstLink(probe, 'stories/', 'stories/');
const report = await firstLink(probe, 'reports/', 'reports/');
const announcement = await firstLink(probe, 'announcements/', 'announcements/');
const tag = await firstLink(probe, 'tags/', 'tags/');
await probe.close();

let failed = 0;

// Chromium writes true-colour PNGs; a 256-colour palette (the most used
// colours, each pixel mapped to the nearest) keeps a screenshot of text and
// flat colours sharp at about a third of the size.
function toPalettePng(buf) {
  const zlib = require('node:zlib');
  let pos = 8, w = 0, h = 0, type = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), kind = buf.toString('latin1', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') { w = body.readUInt32BE(0); h = body.readUInt32BE(4); type = body[9]; if (body[8] !== 8) throw new Error('not 8-bit'); }
    if (kind === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const bpp = type === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = w * bpp, px = Buffer.alloc(stride * h);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)], src = y * (stride + 1) + 1, dst = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? px[dst + i - bpp] : 0, b = y ? px[dst - stride + i] : 0, c = (i >= bpp && y) ? px[dst - stride + i - bpp] : 0;
      let v = raw[src + i];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p0 = a + b - c, pa = Math.abs(p0 - a), pb = Math.abs(p0 - b), pc = Math.abs(p0 - c); v += (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c); }
      px[dst + i] = v & 255;
    }
  }
  const key = (i) => ((px[i] >> 3) << 10) | ((px[i + 1] >> 3) << 5) | (px[i + 2] >> 3);
  const count = new Uint32Array(32768), sum = new Float64Array(32768 * 3);
  for (let i = 0; i < px.length; i += bpp) { const k = key(i); count[k]++; sum[k * 3] += px[i]; sum[k * 3 + 1] += px[i + 1]; sum[k * 3 + 2] += px[i + 2]; }
  const used = [...count.keys()].filter((k) => count[k]).sort((a, b) => count[b] - count[a]).slice(0, 256);
  const pal = used.map((k) => [0, 1, 2].map((j) => Math.round(sum[k * 3 + j] / count[k])));
  const nearest = new Uint8Array(32768);
  for (let k = 0; k < 32768; k++) {
    if (!count[k]) continue;
    const r = sum[k * 3] / count[k], g = sum[k * 3 + 1] / count[k], b = sum[k * 3 + 2] / count[k];
    let best = 0, bd = Infinity;
    for (let j = 0; j < pal.length; j++) { const d = (pal[j][0] - r) ** 2 + (pal[j][1] - g) ** 2 + (pal[j][2] - b) ** 2; if (d < bd) { bd = d; best = j; } }
    nearest[k] = best;
  }
  const rows = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rows[y * (w + 1) + 1 + x] = nearest[key(y * stride + x * bpp)];
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const chunk = (kind, body) => {
    const head = Buffer.alloc(8); head.writeUInt32BE(body.length, 0); head.write(kind, 4, 'latin1');
    let c = 0xffffffff; for (const byte of Buffer.concat([head.subarray(4), body])) c = crcTable[(c ^ byte) & 255] ^ (c >>> 8);
    const crc = Buffer.alloc(4); crc.writeUInt32BE((c ^ 0xffffffff) >>> 0, 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 3;
  return Buffer.concat([buf.subarray(0, 8), chunk('IHDR', ihdr), chunk('PLTE', Buffer.from(pal.flat())),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (check !== 'only') {
  const shots = { home: '', campaign, columns: 'columns/', story };
  for (const [name, p] of Object.entries(shots)) {
    for (const width of [375, 1280]) {
      for (const hc of [false, true]) {
        const ctx = await newContext(width, 'xlarge', hc);
        const page = await ctx.newPage();
        await page.goto(site(p), { waitUntil: 'load' });
        const file = path.join(out, `${name}-${width}-${hc ? 'hc' : 'normal'}.png`);
        // The top of the page: three phone screens, or two desktop ones.
        const full = await page.evaluate(() => document.documentElement.scrollHeight);
        const height = Math.min(full, width < 600 ? 812 * 3 : 900 * 2);
        const png = await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width, height } });
        const small = toPalettePng(png);
        fs.writeFileSync(file, small);
        console.log(`${path.relative(process.cwd(), file)}: /${p} ${width}x${height}, ${Math.round(small.length / 1024)} KB`);
        await ctx.close();
      }
    }
  }
}

if (check) {
  const pages = {
    home: '', campaigns: 'campaigns/', campaign, columns: 'columns/', column,
    stories: 'stories/', story, reports: 'reports/', report,
    announcements: 'announcements/', announcement, standalone: 'pages/about/',
    tags: 'tags/', tag, archive: 'archive/', 'list page 2': 'stories/page/2/',
    '404': '404.html',
  };
  for (const width of [375, 1280]) {
    for (const size of ['normal', 'xlarge']) {
      for (const hc of [false, true]) {
        const ctx = await newContext(width, size, hc);
        const mode = `${width}px ${size}${hc ? ' high-contrast' : ''}`;
        for (const [type, p] of Object.entries(pages)) {
          const page = await ctx.newPage();
          const resp = await page.goto(site(p), { waitUntil: 'load' });
          if (!resp || (resp.status() >= 400 && type !== '404')) {
            console.log(`${mode} ${type} /${p}: HTTP ${resp && resp.status()}`); failed++; await page.close(); continue;
          }
          await page.addScriptTag({ path: axePath });
          const axe = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
          const facts = await page.evaluate(() => {
            const small = [];
            for (const el of document.querySelectorAll('a[href], button, input, select, textarea')) {
              const r = el.getBoundingClientRect();
              if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
              // Links inside a sentence are exempt (WCAG 2.5.5 "inline").
              if (el.tagName === 'A' && el.closest('.content p, .content li, .content td, .content blockquote, .skip')) continue;
              if (r.height < 44 || r.width < 44) small.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
            }
            const body = getComputedStyle(document.body);
            return {
              small,
              overflow: document.documentElement.scrollWidth > window.innerWidth + 1,
              font: parseFloat(body.fontSize),
              lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
              h1: document.querySelectorAll('h1').length,
              tools: !!document.querySelector('#a11y-tools') && !document.querySelector('#a11y-tools').hidden,
            };
          });
          const problems = [];
          for (const v of axe.violations) problems.push(`axe ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`);
          if (facts.small.length) problems.push(`under 44px: ${facts.small.slice(0, 4).join('; ')}${facts.small.length > 4 ? ` (+${facts.small.length - 4})` : ''}`);
          if (facts.overflow) problems.push('scrolls sideways');
          if (facts.h1 !== 1) problems.push(`${facts.h1} h1`);
          if (!facts.tools) problems.push('no reading tools');
          if (facts.lineHeight < 1.5) problems.push(`line height ${facts.lineHeight.toFixed(2)}`);
          const wantFont = { normal: 18, xlarge: 24 }[size];
          if (facts.font < wantFont) problems.push(`body text ${facts.font}px`);
          failed += problems.length;
          console.log(`${mode} ${type} /${p}: body ${facts.font}px/${facts.lineHeight.toFixed(2)}; ${problems.length ? problems.join(' | ') : 'ok'}`);
          await page.close();
        }
        await ctx.close();
      }
    }
  }
  console.log(failed ? `CHECK: ${failed} problem(s)` : 'CHECK: 0 problems');
}
await browser.close();
process.exit(failed ? 1 : 0);
EOF

mode=""
[ "${CHECK:-}" = "1" ] && mode="1"
[ "${CHECK:-}" = "only" ] && mode="only"
node "$work/run.mjs" "$NM" "$CHROME_PATH" "$origin" "$BASE_PATH" "$OUT" "$mode"
