//! The demo site built with relative links and opened from a folder
//! (`file://`) in headless Chromium: the home page and one page of each
//! kind visited, every link on them followed to a file that exists, every
//! style sheet applied, every picture (and each `srcset` candidate)
//! loaded, and the reading tools' script run.

use std::path::{Path, PathBuf};

use crate::hosting::demo;
use crate::search_browser::{between, dom, percent_decode};

/// The first folder below `section` of the output that is a page (not
/// `page/`), as the path of its `index.html`.
fn first_page(out: &Path, section: &str) -> String {
    let mut names: Vec<String> = std::fs::read_dir(out.join(section))
        .unwrap_or_else(|e| panic!("{section}: {e}"))
        .flatten()
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "page")
        .collect();
    names.sort();
    let name = names
        .first()
        .unwrap_or_else(|| panic!("no page in {section}"));
    format!("{section}/{name}/index.html")
}

/// The pages to visit: home and one of each kind.
fn pages(out: &Path) -> Vec<String> {
    let mut pages: Vec<String> = [
        "index.html",
        "stories/index.html",
        "campaigns/index.html",
        "columns/index.html",
        "tags/index.html",
        "archive/index.html",
        "stats/index.html",
        "search/index.html?q=%E9%9B%B7%E9%94%8B",
    ]
    .map(String::from)
    .to_vec();
    for section in [
        "stories",
        "reports",
        "announcements",
        "campaigns",
        "columns",
        "tags",
        "pages",
        "stats",
    ] {
        pages.push(first_page(out, section));
    }
    pages
}

/// A harness page beside the site: it opens each page in a frame, waits
/// for it, and writes as JSON lines what it found: whether the style
/// sheet applies and the reading tools' script ran, every link's resolved
/// address, and each picture's width once loaded.
fn harness(pages: &[String]) -> String {
    let list: Vec<String> = pages.iter().map(|p| format!("'{p}'")).collect();
    format!(
        r#"<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>visits</title>
<body><pre id="out"></pre><iframe id="f" title="page"></iframe>
<script>
var pages = [{}];
function wait(ms) {{ return new Promise(function (r) {{ setTimeout(r, ms); }}); }}
function width(src) {{
  return new Promise(function (r) {{
    var i = new Image();
    i.onload = function () {{ r(i.naturalWidth); }};
    i.onerror = function () {{ r(0); }};
    i.src = src;
  }});
}}
async function visit(page) {{
  var f = document.getElementById('f');
  await new Promise(function (r) {{ f.onload = r; f.src = page; }});
  await wait(1500);
  var d = f.contentDocument, w = f.contentWindow, links = [], images = [];
  d.querySelectorAll('a[href], link[href]').forEach(function (e) {{ links.push(e.href); }});
  d.querySelectorAll('script[src]').forEach(function (e) {{ links.push(e.src); }});
  d.querySelectorAll('form[action]').forEach(function (e) {{ links.push(e.action); }});
  var sources = [];
  d.querySelectorAll('img[src]').forEach(function (e) {{ sources.push(e.src); }});
  d.querySelectorAll('img[srcset], source[srcset]').forEach(function (e) {{
    e.getAttribute('srcset').split(',').forEach(function (c) {{
      var u = c.trim().split(/\s+/)[0];
      if (u) {{ sources.push(new URL(u, d.baseURI).href); }}
    }});
  }});
  for (var s of sources) {{ images.push([s, await width(s)]); }}
  return {{
    page: page,
    styled: w.getComputedStyle(d.body).display === 'flex',
    tools: d.documentElement.classList.contains('js'),
    results: d.querySelectorAll('#search-results a[href]').length,
    links: links,
    images: images
  }};
}}
(async function () {{
  var out = [];
  for (var p of pages) {{ out.push(JSON.stringify(await visit(p))); }}
  document.getElementById('out').textContent = out.join('\n');
}})();
</script></body></html>"#,
        list.join(",")
    )
}

/// The file a `file://` address names, without its query and fragment.
fn file_of(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("file://")?;
    let path = path.split(['#', '?']).next().unwrap_or("");
    Some(PathBuf::from(percent_decode(path)))
}

#[test]
fn the_demo_site_with_relative_links_works_from_a_folder() {
    let site = demo();
    site.build_with(&["--relative-links"]).success();
    let out = site.out();
    let pages = pages(&out);
    std::fs::write(out.join("visits.html"), harness(&pages)).expect("write the harness");
    let page = format!("file://{}", out.join("visits.html").display());
    let dumped = dom(
        &page,
        &[
            "--allow-file-access-from-files",
            "--virtual-time-budget=120000",
        ],
    );
    let text = between(&dumped, "<pre id=\"out\">", "</pre>").unwrap_or_default();
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let visits: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a visit"))
        .collect();
    assert_eq!(visits.len(), pages.len(), "every page visited: {dumped}");
    let (mut files, mut pictures) = (0, 0);
    for visit in &visits {
        let page = &visit["page"];
        assert_eq!(visit["styled"], true, "{page}: style sheet not applied");
        assert_eq!(
            visit["tools"], true,
            "{page}: reading tools' script did not run"
        );
        let links = visit["links"].as_array().expect("links");
        for link in links.iter().filter_map(|l| l.as_str()) {
            let Some(file) = file_of(link) else {
                assert!(
                    link.starts_with("https://") || link.starts_with("http://"),
                    "{page}: {link}"
                );
                continue;
            };
            assert!(file.starts_with(&out), "{page}: {link} leaves the site");
            assert!(file.is_file(), "{page}: {link} is not a file");
            files += 1;
        }
        for image in visit["images"].as_array().expect("images") {
            assert!(
                image[1].as_u64() > Some(0),
                "{page}: picture not loaded: {image}"
            );
            pictures += 1;
        }
    }
    assert!(files > 300, "too few links followed: {files}");
    assert!(pictures > 0, "no picture seen");
    // The search page from a folder lists its results (each a link
    // checked above).
    let search = &visits[7];
    assert!(
        search["results"].as_u64() > Some(0),
        "search found nothing from a folder: {search}"
    );
}
