//! The reading tools (适老化) in a real browser: site.js makes their box,
//! the size buttons and the contrast toggle, labelled in the page's
//! language, and they change the page and are remembered on the next page.

use crate::search_browser::{between, dom, serve_folder};
use crate::theme::{demo, FOOTER};

/// A page beside the site that opens a story in a frame, reads the tools,
/// presses 大 and 高对比度, opens another page, and writes what it saw.
const HARNESS: &str = r#"<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>tools</title>
<body><pre id="out"></pre><iframe id="f" title="page"></iframe>
<script>
function open(f, src) { return new Promise(function (r) { f.onload = r; f.src = src; }); }
function seen(d) {
  var box = d.getElementById('a11y-tools');
  return {
    hidden: box.hidden,
    place: box.parentNode.className + ':' + (box.nextElementSibling === null),
    group: box.getAttribute('role') + ':' + box.getAttribute('aria-label'),
    label: (d.getElementById('tools-size-label') || {}).textContent,
    buttons: Array.prototype.map.call(box.querySelectorAll('button'), function (b) {
      return (b.getAttribute('data-size') || b.getAttribute('data-contrast')) + ':' +
        b.textContent + ':' + b.getAttribute('aria-pressed') + ':' + b.type;
    }),
    classes: d.documentElement.className
  };
}
(async function () {
  var f = document.getElementById('f'), out = {};
  await open(f, '/stories/kite/');
  var d = f.contentDocument;
  out.first = seen(d);
  d.querySelector('button[data-size="large"]').click();
  d.querySelector('button[data-contrast]').click();
  out.pressed = seen(d);
  await open(f, '/archive/');
  out.next = seen(f.contentDocument);
  await open(f, '/en.html');
  out.english = seen(f.contentDocument);
  document.getElementById('out').textContent = JSON.stringify(out);
})();
</script></body></html>"#;

#[test]
fn the_reading_tools_are_made_by_script_and_remembered() {
    let site = demo(FOOTER);
    let out = site.out();
    let port = serve_folder(out.clone());
    let base = format!("http://127.0.0.1:{port}/");
    site.build_with(&["--base-url", &base]).success();
    // Without script the page carries nothing of the tools.
    let html = site.read("stories/kite/index.html");
    assert!(!html.contains("a11y-tools"), "{html}");
    // The same page in English.
    let english = html.replacen("<html lang=\"zh-CN\"", "<html lang=\"en\"", 1);
    assert_ne!(english, html, "the page names its language");
    std::fs::write(out.join("en.html"), english).expect("write the English page");
    std::fs::write(out.join("tools.html"), HARNESS).expect("write the harness");
    let dumped = dom(&format!("{base}tools.html"), &[]);
    let json = between(&dumped, "<pre id=\"out\">", "</pre>").expect("the harness wrote");
    let seen: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let first = &seen["first"];
    assert_eq!(first["hidden"], false, "{seen}");
    assert_eq!(
        first["place"], "wrap header-top:true",
        "last in the header's row"
    );
    assert_eq!(first["group"], "group:适老化浏览工具");
    assert_eq!(first["label"], "字号");
    assert_eq!(
        first["buttons"],
        serde_json::json!([
            "normal:标准:true:button",
            "large:大:false:button",
            "xlarge:特大:false:button",
            "toggle:高对比度:false:button"
        ])
    );
    let pressed = &seen["pressed"];
    assert_eq!(
        pressed["buttons"],
        serde_json::json!([
            "normal:标准:false:button",
            "large:大:true:button",
            "xlarge:特大:false:button",
            "toggle:高对比度:true:button"
        ])
    );
    let classes = |v: &serde_json::Value| -> Vec<String> {
        v["classes"]
            .as_str()
            .unwrap_or_default()
            .split(' ')
            .map(String::from)
            .collect()
    };
    for page in [pressed, &seen["next"]] {
        let classes = classes(page);
        assert!(classes.iter().any(|c| c == "fs-l"), "{seen}");
        assert!(classes.iter().any(|c| c == "hc"), "{seen}");
    }
    assert_eq!(seen["next"]["buttons"], pressed["buttons"], "remembered");
    let english = &seen["english"];
    assert_eq!(english["group"], "group:Reading aids", "{seen}");
    assert_eq!(english["label"], "Text size");
    assert_eq!(
        english["buttons"],
        serde_json::json!([
            "normal:Standard:false:button",
            "large:Large:true:button",
            "xlarge:Extra large:false:button",
            "toggle:High contrast:true:button"
        ])
    );
}
