/* redvest: text size and high contrast (适老化), remembered in localStorage.
   Loaded in <head> so the saved choice applies before the first paint.
   The tools' box is made here, last in the header's top row, named and
   filled with its buttons from the labels below (by <html lang>: Chinese
   unless English), so pages do not each carry it; a theme that writes its
   own box (id="a11y-tools", with data-labels="group|size|标准|大|特大|contrast")
   keeps it and its labels.
   Without JavaScript the page reads the same; only the tools are missing. */
(function () {
  var root = document.documentElement, SIZE = 'redvest-size', HC = 'redvest-contrast';
  // The tools show from the first paint (CSS: html.js), so nothing shifts.
  root.classList.add('js');
  var sizes = { normal: '', large: 'fs-l', xlarge: 'fs-xl' };
  function get(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
  function put(k, v) { try { if (v) { localStorage.setItem(k, v); } else { localStorage.removeItem(k); } } catch (e) {} }
  function size() { var s = get(SIZE); return sizes[s] !== undefined ? s : 'normal'; }
  function apply() {
    var cur = size(), k;
    for (k in sizes) { if (sizes[k]) { root.classList.toggle(sizes[k], k === cur); } }
    root.classList.toggle('hc', get(HC) === '1');
  }
  function sync() {
    var box = document.getElementById('a11y-tools'), b, i;
    if (!box) { return; }
    b = box.getElementsByTagName('button');
    for (i = 0; i < b.length; i++) {
      if (b[i].hasAttribute('data-size')) {
        b[i].setAttribute('aria-pressed', String(b[i].getAttribute('data-size') === size()));
      } else {
        b[i].setAttribute('aria-pressed', String(get(HC) === '1'));
      }
    }
  }
  // The group, the size group, its three sizes, the contrast toggle.
  var LABELS = {
    zh: ['适老化浏览工具', '字号', '标准', '大', '特大', '高对比度'],
    en: ['Reading aids', 'Text size', 'Standard', 'Large', 'Extra large', 'High contrast']
  };
  function labels(box) {
    var own = box.getAttribute('data-labels');
    if (own) { return own.split('|'); }
    return (LABELS[(root.lang || '').slice(0, 2).toLowerCase()] || LABELS.zh).slice();
  }
  // The page's own box, or one made and put last in the header's top row
  // once the parser has gone past that row (or, with `all`, at the end).
  function place(all) {
    var box = document.getElementById('a11y-tools'), top;
    if (box) { return box; }
    top = document.querySelector('.header-top');
    if (!top || !(all || top.nextSibling || document.getElementById('main'))) { return null; }
    box = document.createElement('div');
    box.className = 'tools';
    box.id = 'a11y-tools';
    box.hidden = true;
    top.appendChild(box);
    return box;
  }
  function button(label) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    return b;
  }
  // The box as a named group (when its first label is the group's name),
  // the size group and the contrast toggle.
  function fill(box) {
    var t = labels(box), g, l, i, b;
    var names = ['normal', 'large', 'xlarge'];
    if (t.length === 6) {
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', t.shift());
    }
    if (box.firstElementChild || t.length !== 5) { return; }
    g = document.createElement('div');
    g.className = 'tools-size';
    g.setAttribute('role', 'group');
    g.setAttribute('aria-labelledby', 'tools-size-label');
    l = document.createElement('span');
    l.className = 'tools-label';
    l.id = 'tools-size-label';
    l.textContent = t[0];
    g.appendChild(l);
    for (i = 0; i < names.length; i++) {
      b = button(t[i + 1]);
      b.setAttribute('data-size', names[i]);
      g.appendChild(b);
    }
    box.appendChild(g);
    b = button(t[4]);
    b.setAttribute('data-contrast', 'toggle');
    box.appendChild(b);
  }
  function init() {
    var box = place(true);
    if (!box) { return; }
    fill(box);
    box.addEventListener('click', function (e) {
      var b = e.target;
      while (b && b !== box && b.tagName !== 'BUTTON') { b = b.parentNode; }
      if (!b || b === box) { return; }
      if (b.hasAttribute('data-size')) {
        var s = b.getAttribute('data-size');
        put(SIZE, s === 'normal' ? '' : s);
      } else {
        put(HC, get(HC) === '1' ? '' : '1');
      }
      apply();
      sync();
    });
    sync();
    box.hidden = false;
  }
  function refresh() { apply(); sync(); }
  apply();
  // The box is made the moment the parser has read the header's top row,
  // before anything is painted, so nothing shifts when it appears.
  if (window.MutationObserver) {
    var watch = new MutationObserver(function () {
      var box = place(false);
      if (box) { fill(box); sync(); watch.disconnect(); }
    });
    watch.observe(root, { childList: true, subtree: true });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
  window.addEventListener('pageshow', refresh);
  window.addEventListener('storage', refresh);
})();
