/* redvest: text size and high contrast (适老化), remembered in localStorage.
   Loaded in <head> so the saved choice applies before the first paint.
   The box is named and its buttons made here from its data-labels
   (适老化浏览工具|字号|标准|大|特大|高对比度: the group, then the buttons),
   so pages do not each carry them; a theme that writes them itself keeps its own.
   Without JavaScript the page reads the same; only the tools stay hidden. */
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
  function button(label) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    return b;
  }
  // The box as a named group (when its first label is the group's name),
  // the size group and the contrast toggle, labelled from data-labels.
  function fill(box) {
    var t = (box.getAttribute('data-labels') || '').split('|'), g, l, i, b;
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
    var box = document.getElementById('a11y-tools');
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
  // The buttons are made the moment the parser puts the box in the page,
  // before anything is painted, so nothing shifts when they appear.
  if (window.MutationObserver) {
    var watch = new MutationObserver(function () {
      var box = document.getElementById('a11y-tools');
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
