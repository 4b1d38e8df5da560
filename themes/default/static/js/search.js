/* redvest: search with no server. The search page loads this script and,
   for a query, the index files it needs: meta.js (folding table, filters),
   the shards its terms fall in (s/N.js) and the records of the results
   shown (d/N.js). Every index file is a script calling redvestSearch, so it
   loads from a folder (file://) as well as from a server. Text is folded
   and cut into terms exactly as redvest does when it writes the index
   (src/search/): pairs of adjacent Chinese characters, Latin words and
   numbers. Index text is inserted with textContent only. */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form) { return; }
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var filters = { kind: 'search-kind', campaign: 'search-campaign', year: 'search-year' };
  var version = form.getAttribute('data-version') || '';
  var fromFolder = location.protocol === 'file:';
  var PAGE = 10;
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var digit = {};
  var store = {}, waiting = {};
  var foldMap = null, meta = null;
  var current = null, shown = 0, run = 0;
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var QUOTES = '"\u201c\u201d\u300c\u300d\u300e\u300f';
  var i;
  for (i = 0; i < DIGITS.length; i++) { digit[DIGITS.charAt(i)] = i; }

  function got(name, data) {
    store[name] = data;
    (waiting[name] || []).forEach(function (w) { w[0](data); });
    delete waiting[name];
  }
  window.redvestSearch = {
    meta: function (data) { got('meta', data); },
    shard: function (n, data) { got('s/' + n, data); },
    docs: function (n, data) { got('d/' + n, data); }
  };

  /* Loads the index file `name` (meta, s/N, d/N) once. */
  function load(name) {
    return new Promise(function (resolve, reject) {
      if (store[name] !== undefined) { resolve(store[name]); return; }
      if (waiting[name]) { waiting[name].push([resolve, reject]); return; }
      waiting[name] = [[resolve, reject]];
      var s = document.createElement('script');
      s.src = name + '.js?v=' + encodeURIComponent(version);
      s.onerror = function () {
        (waiting[name] || []).forEach(function (w) { w[1](new Error(name)); });
        delete waiting[name];
      };
      document.head.appendChild(s);
    });
  }

  function isHan(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
  }
  function foldChar(c) {
    var cp = c.codePointAt(0);
    if (cp >= 65 && cp <= 90) { return c.toLowerCase(); }
    if (cp >= 0xFF01 && cp <= 0xFF5E) { return String.fromCharCode(cp - 0xFEE0).toLowerCase(); }
    if (cp === 0x3000) { return ' '; }
    if (cp < 0x3000) { return c; }
    return foldMap[c] || c;
  }
  /* The text folded; one character for one, so positions stay. */
  function fold(text) {
    var out = '', c;
    for (c of text) { out += foldChar(c); }
    return out;
  }
  /* The distinct terms of a text, as the index writes them. */
  function terms(text) {
    var out = [], seen = {}, prev = null, word = '', c;
    function add(t) { if (!seen[t]) { seen[t] = 1; out.push(t); } }
    function flush() { if (word) { add(word); word = ''; } }
    for (c of fold(text)) {
      if (isHan(c.codePointAt(0))) {
        flush();
        if (prev) { add(prev + c); }
        prev = c;
      } else if (WORD.test(c)) {
        prev = null;
        word += c;
      } else {
        prev = null;
        flush();
      }
    }
    flush();
    return out;
  }
  /* The query's parts: quoted phrases (exact) and words. */
  function parse(q) {
    var parts = [], buf = '', quoted = false, c;
    function push() {
      var texts = quoted ? [buf] : buf.split(/\s+/);
      texts.forEach(function (t) {
        t = t.trim();
        var keys = terms(t);
        if (keys.length) { parts.push({ text: fold(t), exact: quoted, keys: keys }); }
      });
      buf = '';
    }
    for (c of q) {
      if (QUOTES.indexOf(c) >= 0) { push(); quoted = !quoted; } else { buf += c; }
    }
    push();
    return parts;
  }
  function shardOf(key, shards) {
    var h = 0x811c9dc5, c;
    for (c of key) { h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0; }
    return h % shards;
  }
  /* Numbers of five bits a character, little end first. */
  function numbers(s, each) {
    var n = 0, shift = 0, k, d;
    for (k = 0; k < s.length; k++) {
      d = digit[s.charAt(k)];
      n += (d & 31) * Math.pow(2, shift);
      shift += 5;
      if (d < 32) { each(n); n = 0; shift = 0; }
    }
  }
  /* A posting list: page -> fields (1 title, 2 names, 4 body). */
  function postings(s) {
    var map = new Map(), id = -1;
    numbers(s || '', function (n) { id += Math.floor(n / 8); map.set(id, n % 8); });
    return map;
  }
  function ids(s) {
    var set = new Set(), id = -1;
    numbers(s || '', function (n) { id += n; set.add(id); });
    return set;
  }
  function weight(fields) { return fields & 1 ? 3 : fields & 2 ? 2 : 1; }

  /* Pages matching `parts`, best first. */
  function rank(parts, shards, only) {
    var docs = new Map();
    parts.forEach(function (part, p) {
      var lists = part.keys.map(function (k) { return postings(shards[shardOf(k, meta.shards)][k]); });
      var union = new Set();
      lists.forEach(function (l) { l.forEach(function (_, id) { union.add(id); }); });
      union.forEach(function (id) {
        if (only && !only(id)) { return; }
        var all = 7, count = 0;
        lists.forEach(function (l) { var f = l.get(id); if (f) { count++; all &= f; } else { all = 0; } });
        var d = docs.get(id);
        if (!d) { d = { id: id, whole: 0, weight: 0, share: 0, out: false, seen: {} }; docs.set(id, d); }
        d.seen[p] = 1;
        if (count === lists.length && all) {
          d.whole++;
          d.weight += weight(all);
        } else if (part.exact) {
          d.out = true;
        }
        d.share += count / lists.length;
      });
    });
    var exact = parts.filter(function (p) { return p.exact; }).length;
    var out = [];
    docs.forEach(function (d) {
      if (d.out) { return; }
      if (exact && parts.some(function (p, k) { return p.exact && !d.seen[k]; })) { return; }
      out.push(d);
    });
    out.sort(function (a, b) {
      return b.whole - a.whole || b.weight - a.weight || b.share - a.share || a.id - b.id;
    });
    out.forEach(function (d) { d.complete = d.whole === parts.length; });
    return out;
  }

  function filter() {
    var tests = [], kind = value('kind'), campaign = value('campaign'), year = value('year');
    if (kind) { tests.push(function (id) { return meta.kind.charAt(id) === kind.charAt(0); }); }
    if (campaign) { var c = ids(meta.campaigns[campaign]); tests.push(function (id) { return c.has(id); }); }
    if (year) { var y = ids(meta.years[year]); tests.push(function (id) { return y.has(id); }); }
    return tests.length ? function (id) { return tests.every(function (t) { return t(id); }); } : null;
  }
  function value(name) {
    var el = document.getElementById(filters[name]);
    return el ? el.value : '';
  }
  function say(key, q, n) {
    status.textContent = (form.getAttribute('data-' + key) || '').replace('{q}', q).replace('{n}', String(n));
  }

  /* `text` into `el`, the ranges where `needles` occur marked. */
  function highlight(el, text, needles) {
    var folded = fold(text), marks = [], from, at, k, n;
    for (k = 0; k < needles.length; k++) {
      n = needles[k];
      if (!n) { continue; }
      from = 0;
      while ((at = folded.indexOf(n, from)) >= 0) { marks.push([at, at + n.length]); from = at + n.length; }
    }
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) { if (m[1] <= pos) { return; } m[0] = pos; }
      if (m[0] > pos) { el.appendChild(document.createTextNode(text.slice(pos, m[0]))); }
      var mark = document.createElement('mark');
      mark.textContent = text.slice(m[0], m[1]);
      el.appendChild(mark);
      pos = m[1];
    });
    if (pos < text.length) { el.appendChild(document.createTextNode(text.slice(pos))); }
  }
  // A result's address as the index gives it (under the base path) when
  // the site is where its base path says; else relative to this page
  // (from a folder, naming a folder's index.html), so results work from a
  // folder, a USB stick or another sub-path too.
  function href(url) {
    if (url.indexOf(meta.base) !== 0) { return url; }
    if (!fromFolder && location.pathname.indexOf(meta.base) === 0) { return url; }
    var rel = url.slice(meta.base.length);
    var folder = rel === '' || rel.charAt(rel.length - 1) === '/';
    return '../' + rel + (folder && fromFolder ? 'index.html' : '');
  }
  function needlesOf(parts) {
    var out = [];
    parts.forEach(function (p) { out.push(p.text); });
    parts.forEach(function (p) { if (!p.exact) { out = out.concat(p.keys); } });
    return out;
  }
  function item(rec, d, needles) {
    var li = document.createElement('li'), a = document.createElement('a');
    a.className = 'result-title';
    a.href = href(rec.url);
    highlight(a, rec.title, needles);
    li.appendChild(a);
    var m = document.createElement('p');
    m.className = 'result-meta';
    var bits = [rec.date, meta.kinds[rec.kind] || ''].filter(Boolean).join(' · ');
    m.appendChild(document.createTextNode(bits + (rec.names ? ' · ' : '')));
    if (rec.names) { var span = document.createElement('span'); highlight(span, rec.names, needles); m.appendChild(span); }
    li.appendChild(m);
    if (rec.snippet) {
      var s = document.createElement('p');
      s.className = 'result-snippet';
      highlight(s, rec.snippet, needles);
      li.appendChild(s);
    }
    li.setAttribute('data-id', String(d.id));
    return li;
  }
  /* Shows the next page of the current results, each as soon as its
     record is loaded (all are asked for at once), in order. */
  function showMore(focus) {
    var cur = current, mine = run, start = shown;
    var page = cur.results.slice(start, start + PAGE);
    shown += page.length;
    more.hidden = true;
    var chunks = page.map(function (d) { return load('d/' + Math.floor(d.id / meta.chunk)); });
    var first = null;
    return page.reduce(function (done, d, k) {
      return done.then(function () { return chunks[k]; }).then(function (chunk) {
        if (mine !== run) { return; }
        var idx = start + k;
        if (!d.complete && (idx === 0 || cur.results[idx - 1].complete) && cur.parts.length) {
          var sep = document.createElement('li');
          sep.className = 'result-partial';
          sep.textContent = form.getAttribute('data-partial') || '';
          list.appendChild(sep);
        }
        var li = item(chunk[d.id % meta.chunk], d, cur.needles);
        list.appendChild(li);
        if (!first) {
          first = li;
          if (focus) { li.querySelector('a').focus(); }
        }
      });
    }, Promise.resolve()).then(function () {
      if (mine === run) { more.hidden = shown >= cur.results.length; }
    });
  }
  function remember(q) {
    var params = new URLSearchParams();
    if (q) { params.set('q', q); }
    ['kind', 'campaign', 'year'].forEach(function (f) { if (value(f)) { params.set(f, value(f)); } });
    try { history.replaceState(null, '', '?' + params.toString()); } catch (e) { /* a folder may refuse */ }
  }
  function search() {
    var q = input.value.trim(), mine = ++run;
    remember(q);
    list.textContent = '';
    more.hidden = true;
    shown = 0;
    if (!q) { status.textContent = ''; return Promise.resolve(); }
    return load('meta').then(function (m) {
      meta = m;
      if (!foldMap) {
        foldMap = {};
        var pairs = Array.from(m.fold);
        for (var k = 0; k + 1 < pairs.length; k += 2) { foldMap[pairs[k]] = pairs[k + 1]; }
      }
      var parts = parse(q);
      if (!parts.length) { say('short', q, 0); return; }
      say('loading', q, 0);
      var need = {};
      parts.forEach(function (p) { p.keys.forEach(function (k) { need[shardOf(k, m.shards)] = 1; }); });
      var names = Object.keys(need);
      return Promise.all(names.map(function (n) { return load('s/' + n); })).then(function (loaded) {
        if (mine !== run) { return; }
        var shards = {};
        names.forEach(function (n, k) { shards[n] = loaded[k]; });
        current = { parts: parts, needles: needlesOf(parts), results: rank(parts, shards, filter()) };
        window.redvestSearch.last = current.results.map(function (d) { return d.id; });
        if (!current.results.length) { say('none', q, 0); return; }
        return showMore(false).then(function () {
          if (mine === run) { say('found', q, current.results.length); }
        });
      });
    }).catch(function () { if (mine === run) { say('failed', q, 0); } });
  }

  /* Searched at every keystroke (a stale answer is dropped by `run`), but
     not while an input method is still composing the characters. */
  var composing = false;
  input.addEventListener('compositionstart', function () { composing = true; });
  input.addEventListener('compositionend', function () { composing = false; search(); });
  input.addEventListener('input', function (e) {
    if (!composing && !e.isComposing) { search(); }
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); search(); });
  form.addEventListener('change', function (e) { if (e.target.tagName === 'SELECT') { search(); } });
  more.addEventListener('click', function () { showMore(true); });

  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  ['kind', 'campaign', 'year'].forEach(function (f) {
    var el = document.getElementById(filters[f]), v = params.get(f);
    if (el && v) { el.value = v; }
  });
  window.redvestSearch.run = search;
  if (input.value) {
    search();
  } else {
    /* What every query needs, fetched while the reader types. */
    load('meta').catch(function () { /* said when a query needs it */ });
  }
}());
