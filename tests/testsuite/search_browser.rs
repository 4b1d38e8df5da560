//! Search in a real browser (headless Chromium): a fixture site built, its
//! `/search/` page opened from the dev server and from a folder
//! (`file://`), queries typed into the box one character at a time —
//! people's names, a campaign word, traditional characters, a quoted
//! phrase, a number, a filter — and the results and their order checked.

use std::path::{Path, PathBuf};
use std::process::Command;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::fixture::Site;

/// The site: who holds 王秀兰 where (title, people, body), a near miss
/// (王秀英, 李秀兰), a campaign, a number, two kinds of 社区…服务.
pub(crate) fn site() -> Site {
    Site::new(&[
        (
            "content/campaigns/silver.md",
            "---\ntitle: 银龄关爱行动\nstart: 2023-01-01\n---\n",
        ),
        (
            "content/stories/wang-title.md",
            "---\ntitle: 王秀兰：三十年守护敬老院\ndate: 2024-05-01\n---\n她每天都来。\n",
        ),
        (
            "content/stories/wang-people.md",
            "---\ntitle: 社区里的热心人\ndate: 2024-03-01\npeople:\n  - name: 王秀兰\n    org: 东风社区志愿服务队\n---\n大家都认识她。\n",
        ),
        (
            "content/reports/chongyang.md",
            "---\ntitle: 重阳节饺子宴温暖老人\ndate: 2023-10-23\ncampaign: silver\n---\n志愿者王秀兰和老人们一起包饺子。\n",
        ),
        (
            "content/reports/chongyang-old.md",
            "---\ntitle: 去年的饺子宴\ndate: 2022-10-04\n---\n志愿者王秀兰也来了。\n",
        ),
        (
            "content/stories/near-miss.md",
            "---\ntitle: 王秀英的一天\ndate: 2024-06-01\n---\n邻居李秀兰也来帮忙。\n",
        ),
        (
            "content/announcements/hotline.md",
            "---\ntitle: 2023年志愿服务热线开通\ndate: 2023-02-01\n---\n咨询电话：12345。Volunteer Day 欢迎参加。\n",
        ),
        (
            "content/reports/apart.md",
            "---\ntitle: 走访活动\ndate: 2023-05-01\n---\n社区居民为老人提供上门服务。\n",
        ),
        (
            "content/reports/together.md",
            "---\ntitle: 中心开放日\ndate: 2023-04-01\n---\n社区服务中心向居民开放。\n",
        ),
    ])
}

/// The Chromium binary, which this test needs (`apt-get install chromium`).
pub(crate) fn chromium() -> PathBuf {
    let named = std::env::var_os("REDVEST_CHROMIUM").map(PathBuf::from);
    named
        .into_iter()
        .chain(["chromium", "chromium-browser", "google-chrome"].map(PathBuf::from))
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("Chromium is needed for the search tests: apt-get install chromium (or set REDVEST_CHROMIUM)")
}

/// The page at `url` as Chromium leaves it once its scripts have run.
pub(crate) fn dom(url: &str, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().expect("a profile folder");
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--virtual-time-budget=20000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What the search page showed: its status line, and each result's link
/// in order (`--` where the results sharing only part of the query begin).
#[derive(Debug, PartialEq)]
struct Shown {
    status: String,
    links: Vec<String>,
}

pub(crate) fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// The results of a search page's DOM.
fn shown(dom: &str) -> Shown {
    let status = between(dom, "aria-live=\"polite\">", "</p>")
        .unwrap_or_default()
        .to_string();
    let list = between(
        dom,
        "<ol id=\"search-results\" class=\"search-results\">",
        "</ol>",
    )
    .unwrap_or_default();
    let mut links = Vec::new();
    for li in list.split("<li").skip(1) {
        if li.contains("result-partial") {
            links.push("--".to_string());
        } else if let Some(href) = between(li, "href=\"", "\"") {
            links.push(href.to_string());
        }
    }
    Shown { status, links }
}

/// A harness page beside the search page: it opens `search/` in a frame,
/// types each query into its box one character at a time (an `input`
/// event each), sets the filters, waits for the answer and writes what
/// the page shows as JSON lines into its own `<pre>`.
fn harness(queries: &[(&str, &str)]) -> String {
    let list: Vec<String> = queries
        .iter()
        .map(|(q, kind)| format!("[{},{}]", json(q), json(kind)))
        .collect();
    format!(
        r#"<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>typing</title>
<body><pre id="out"></pre><iframe id="f" src="search/index.html" title="search"></iframe>
<script>
var queries = [{}];
function wait(ms) {{ return new Promise(function (r) {{ setTimeout(r, ms); }}); }}
document.getElementById('f').onload = async function () {{
  var d = this.contentDocument, out = [];
  var box = d.getElementById('search-q'), status = d.getElementById('search-status');
  for (var [q, kind] of queries) {{
    d.getElementById('search-kind').value = kind;
    box.value = '';
    for (var c of q) {{ box.value += c; box.dispatchEvent(new Event('input', {{ bubbles: true }})); await wait(40); }}
    for (var n = 0; n < 100 && status.textContent.indexOf(q) < 0; n++) {{ await wait(50); }}
    for (var n = 0; n < 100 && status.textContent === d.getElementById('search-form').getAttribute('data-loading').replace('{{q}}', q); n++) {{ await wait(50); }}
    var links = Array.from(d.querySelectorAll('#search-results li')).map(function (li) {{
      return li.className === 'result-partial' ? '--' : li.querySelector('a').getAttribute('href');
    }});
    out.push(JSON.stringify({{ q: q, status: status.textContent, links: links }}));
  }}
  document.getElementById('out').textContent = out.join('\n');
}};
</script></body></html>"#,
        list.join(",")
    )
}

fn json(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The JSON lines the harness wrote, as (status, links).
fn typed(dom: &str) -> Vec<Shown> {
    let out = between(dom, "<pre id=\"out\">", "</pre>").unwrap_or_default();
    out.lines()
        .map(|line| {
            let line = line.replace("&amp;", "&").replace("&quot;", "\"");
            let status = between(&line, "\"status\":\"", "\"")
                .unwrap_or_default()
                .to_string();
            let links = between(&line, "\"links\":[", "]")
                .unwrap_or_default()
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| s.trim_matches('"').to_string())
                .collect();
            Shown { status, links }
        })
        .collect()
}

fn url_of(folder: &Path) -> String {
    format!("file://{}", folder.display())
}

/// Percent-encodes a query for a URL.
fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const WANG_TITLE: &str = "/stories/wang-title/";
const WANG_PEOPLE: &str = "/stories/wang-people/";
const CHONGYANG: &str = "/reports/chongyang/";
const CHONGYANG_OLD: &str = "/reports/chongyang-old/";
const NEAR_MISS: &str = "/stories/near-miss/";
const HOTLINE: &str = "/announcements/hotline/";
const APART: &str = "/reports/apart/";
const TOGETHER: &str = "/reports/together/";

/// The queries typed, their kind filter, and the links expected in order.
fn cases() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        // Title, then people, then body (newer first), then the near miss
        // that shares only part of the name.
        (
            "王秀兰",
            "",
            vec![
                WANG_TITLE,
                WANG_PEOPLE,
                CHONGYANG,
                CHONGYANG_OLD,
                "--",
                NEAR_MISS,
            ],
        ),
        // Two characters of a name.
        (
            "秀兰",
            "",
            vec![WANG_TITLE, WANG_PEOPLE, NEAR_MISS, CHONGYANG, CHONGYANG_OLD],
        ),
        // A campaign word: the report of the campaign.
        ("银龄", "", vec![CHONGYANG]),
        // Traditional characters find simplified text.
        ("重陽節", "", vec![CHONGYANG]),
        ("王秀蘭", "report", vec![CHONGYANG, CHONGYANG_OLD]),
        // A quoted phrase only where it is written as one.
        ("“社区服务”", "", vec![TOGETHER]),
        ("社区服务", "report", vec![TOGETHER, "--", APART]),
        // Numbers and Latin words.
        ("12345", "", vec![HOTLINE]),
        ("2023", "", vec![HOTLINE]),
        ("volunteer", "", vec![HOTLINE]),
    ]
}

fn check(got: &[Shown], base: &str, file: bool) {
    let cases = cases();
    assert_eq!(got.len(), cases.len(), "every query answered: {got:?}");
    for ((q, kind, want), shown) in cases.iter().zip(got) {
        let want: Vec<String> = want
            .iter()
            .map(|w| match *w {
                "--" => "--".to_string(),
                w if file => format!("..{w}index.html"),
                w => format!("{base}{}", &w[1..]),
            })
            .collect();
        assert_eq!(shown.links, want, "query {q} (kind {kind:?}): {shown:?}");
        let n = want.iter().filter(|w| *w != "--").count();
        assert_eq!(
            shown.status,
            format!("找到 {n} 条与“{q}”有关的结果"),
            "query {q}"
        );
    }
}

#[test]
fn queries_typed_on_the_served_search_page_find_their_pages_in_order() {
    let site = site();
    let cases = cases();
    let queries: Vec<(&str, &str)> = cases.iter().map(|(q, k, _)| (*q, *k)).collect();
    site.write("static/typing.html", &harness(&queries));
    site.build().success();
    let port = serve_folder(site.out());
    let page = dom(&format!("http://127.0.0.1:{port}/typing.html"), &[]);
    check(&typed(&page), "/", false);
}

/// Serves `folder` as a plain web server would (a folder's `index.html`
/// for its address), on a free port, for as long as the test runs. (The
/// dev server's live-reload stream never ends, and headless Chromium waits
/// for it; `one_render_path` holds the dev server to the built files.)
pub(crate) fn serve_folder(folder: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("its address").port();
    serve_static(listener, move |path| {
        let file = folder.join(path.trim_start_matches('/'));
        Some(if file.is_dir() {
            file.join("index.html")
        } else {
            file
        })
    });
    port
}

/// Answers every request on `listener`, for as long as the test runs, with
/// the file `file_for` gives for the request's decoded path (without its
/// query), or 404.
pub(crate) fn serve_static(
    listener: TcpListener,
    file_for: impl Fn(&str) -> Option<PathBuf> + Send + Sync + 'static,
) {
    let file_for = std::sync::Arc::new(file_for);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let file_for = file_for.clone();
            std::thread::spawn(move || {
                let mut line = String::new();
                let mut reader = BufReader::new(&stream);
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                // The rest of the head.
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let target = line.split(' ').nth(1).unwrap_or("/");
                let path = percent_decode(target.split('?').next().unwrap_or("/"));
                let body =
                    file_for(&path).and_then(|file| Some((std::fs::read(&file).ok()?, file)));
                let mut stream = &stream;
                let Some((body, file)) = body else {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                    return;
                };
                let kind = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("js") => "text/javascript; charset=utf-8",
                    Some("css") => "text/css; charset=utf-8",
                    Some("xml") => "application/xml; charset=utf-8",
                    Some("svg") => "image/svg+xml",
                    _ => "application/octet-stream",
                };
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
}

/// `%XX` escapes decoded (the test's paths are ASCII).
pub(crate) fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&path[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn the_search_page_works_from_a_folder() {
    let site = site();
    site.build().success();
    let search = site.out().join("search/index.html");
    // Plain Chromium, the query in the address as the header's box sends it.
    for (q, kind, want) in cases() {
        let url = format!("{}?q={}&kind={kind}", url_of(&search), encode(q));
        let got = shown(&dom(&url, &[]));
        let want: Vec<String> = want
            .iter()
            .map(|w| match *w {
                "--" => "--".to_string(),
                w => format!("..{w}index.html"),
            })
            .collect();
        assert_eq!(got.links, want, "query {q} from a folder: {got:?}");
    }
    // Typed, with the harness beside it (a frame from a folder needs the
    // browser's leave to read it: the harness's need, not the page's).
    let queries: Vec<(&str, &str)> = cases().iter().map(|(q, k, _)| (*q, *k)).collect();
    std::fs::write(site.out().join("typing.html"), harness(&queries)).expect("write harness");
    let page = dom(
        &url_of(&site.out().join("typing.html")),
        &["--allow-file-access-from-files"],
    );
    check(&typed(&page), "", true);
}

#[test]
fn without_javascript_the_search_page_says_what_it_needs() {
    let site = site();
    site.build().success();
    let html = site.read("search/index.html");
    assert!(
        html.contains("<noscript><p class=\"search-status\">搜索需要浏览器启用 JavaScript。"),
        "{html}"
    );
    // Every page's header has the box, a plain form that goes to the
    // search page with the query in the address.
    for page in [
        "index.html",
        "stories/wang-title/index.html",
        "archive/index.html",
        "404.html",
    ] {
        let html = site.read(page);
        assert!(
            html.contains(
                "<form class=site-search role=search action=\"/search/\">\
                 <label>搜索本站 <input type=search name=q></label>\
                 <button>搜索</button>"
            ),
            "{page}: {html}"
        );
    }
}

#[test]
fn the_search_page_speaks_the_sites_language() {
    let site = site();
    site.write("site.yaml", &crate::fixture::config_with("language: en\n"));
    site.build().success();
    let search = site.out().join("search/index.html");
    let url = format!("{}?q={}", url_of(&search), encode("volunteer"));
    let got = shown(&dom(&url, &[]));
    assert_eq!(got.status, "Results for “volunteer”: 1");
    assert_eq!(got.links, ["../announcements/hotline/index.html"]);
    let url = format!("{}?q={}", url_of(&search), encode("王"));
    let got = shown(&dom(&url, &[]));
    assert_eq!(
        got.status,
        "Please type at least two Chinese characters, or a whole word or number."
    );
}

#[test]
fn every_chinese_language_code_gets_chinese_search() {
    let site = site();
    site.write(
        "site.yaml",
        &crate::fixture::config_with("language: zh-TW\n"),
    );
    site.build().success();
    let search = site.out().join("search/index.html");
    let url = format!("{}?q={}", url_of(&search), encode("重陽節"));
    let got = shown(&dom(&url, &[]));
    assert_eq!(got.status, "找到 1 条与“重陽節”有关的结果");
    assert_eq!(got.links, ["../reports/chongyang/index.html"]);
}
