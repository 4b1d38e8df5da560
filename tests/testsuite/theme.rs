//! The default theme's output: the reading tools (适老化), the sharing tags
//! (Open Graph, microdata, JSON-LD), the QR code of each page's own URL
//! (decoded back), the footer of SPEC §5, and the print and size rules.

use std::collections::BTreeMap;

use regex::Regex;

use crate::fixture::{read_text, texts_ending, Site};

pub(crate) const BASE: &str = "https://example.org/zyfw/";

pub(crate) const FOOTER: &str = "\
footer:
  organization: 乾安县文明办
  contact: 0438-0000000
  icp: 吉ICP备12345678号-1
  police: 吉公网安备22072302000123号
  site_code: \"2207230001\"
";

pub(crate) fn config(footer: &str) -> String {
    format!(
        "title: 乾安志愿服务\nbase_url: {BASE}\nlanguage: zh-CN\n\
         description: 记录身边的志愿者\npaginate: 2\n\
         metrics:\n  hours: {{ label: 服务时长, unit: 小时 }}\n{footer}"
    )
}

/// A site with every page type: a campaign with a cover, a column, three
/// stories (one a bundle with a cover photo), a report, an announcement,
/// a standalone page; `paginate: 2` so lists have a second page.
pub(crate) fn demo(footer: &str) -> Site {
    let site = Site::new(&[
        ("site.yaml", &config(footer)),
        (
            "content/campaigns/spring.md",
            "---\ntitle: 春风行动\nslogan: 温暖邻里\nstart: 2026-03-01\ncover: /img/spring.png\n\
             summary: 春季志愿服务活动\n---\n活动介绍。\n",
        ),
        (
            "content/columns/faces.md",
            "---\ntitle: 志愿者风采\ndescription: 每周一位志愿者\nfrequency: weekly\n---\n专栏介绍。\n",
        ),
        (
            "content/stories/health/index.md",
            "---\ntitle: 健康哨兵\ndate: 2026-05-12T09:30:00+08:00\ncampaign: spring\ncolumn: faces\n\
             cover: photo.png\nauthor: [记者 张晓雨]\ntags: [助老, 义诊]\n\
             summary: 社区服务站里的退休医生\n---\n正文。\n\n![志愿者为老人测量血压](photo.png)\n",
        ),
        (
            "content/stories/kite.md",
            "---\ntitle: 绿风筝\ndate: 2025-04-01\ncolumn: faces\ntags: [环保]\n---\n正文。\n",
        ),
        (
            "content/stories/third.md",
            "---\ntitle: 第三篇\ndate: 2024-01-01\n---\n正文。\n",
        ),
        (
            "content/reports/half-year.md",
            "---\ntitle: 上半年小结\ndate: 2026-07-15\nupdated: 2026-07-20\ncampaign: spring\n\
             stats: { hours: 120 }\n---\n## 主要数据\n\n正文。\n",
        ),
        (
            "content/announcements/recruit.md",
            "---\ntitle: 招募志愿者\ndate: 2026-02-26\ncampaign: spring\n---\n通知。\n",
        ),
        (
            "content/pages/about.md",
            "---\ntitle: 关于我们\nsummary: 关于本站\n---\n介绍。\n",
        ),
    ]);
    site.write_bytes("content/stories/health/photo.png", PNG);
    site.write_bytes("static/img/spring.png", PNG);
    site
}

/// A 1×1 PNG.
pub(crate) const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde, 0, 0, 0, 0x0c, 0x49, 0x44, 0x41, 0x54,
    0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0, 0, 0x03, 0x01, 0x01, 0, 0x18, 0xdd, 0x8d, 0xb0, 0, 0, 0,
    0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Every HTML page of the output but 404.html, by output path.
pub(crate) fn pages(site: &Site) -> BTreeMap<String, String> {
    texts_ending(&site.out(), ".html")
        .into_iter()
        .filter(|(path, _)| path != "404.html")
        .collect()
}

/// The absolute URL a page at output path `path` is published at.
pub(crate) fn permalink_of(path: &str) -> String {
    format!("{BASE}{}", path.trim_end_matches("index.html"))
}

/// The `content` of the first `<meta … {attr}="{name}" … content="…">`,
/// unescaped: the attribute may share its `<meta>` with another
/// (`name="description" property="og:description"`).
pub(crate) fn meta(html: &str, attr: &str, name: &str) -> Option<String> {
    metas(html, attr, name).into_iter().next()
}

/// The `content` of every `<meta … {attr}="{name}" … content="…">`.
pub(crate) fn metas(html: &str, attr: &str, name: &str) -> Vec<String> {
    let re = Regex::new(&format!(
        r#"<meta (?:[a-z]+="[^"]*" )*{attr}="{}" (?:[a-z]+="[^"]*" )*content="([^"]*)">"#,
        regex::escape(name)
    ))
    .unwrap();
    re.captures_iter(html).map(|c| unescape(&c[1])).collect()
}

pub(crate) fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of attribute `name` of `tag` (the text from `<` to `>`),
/// quoted or not.
pub(crate) fn attr_of<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=");
    let start = tag.find(&key)? + key.len();
    let rest = &tag[start..];
    match rest.strip_prefix('"') {
        Some(quoted) => quoted.find('"').map(|end| &quoted[..end]),
        None => Some(&rest[..rest.find([' ', '>']).unwrap_or(rest.len())]),
    }
}

/// The QR code's text: the `data:` PNG of `<img class=qr>` decoded,
/// set in a light margin of four modules, enlarged four times, and read by
/// the rqrr decoder.
pub(crate) fn decode_qr(html: &str) -> String {
    use base64::Engine as _;
    let start = html.find("<img class=qr ").expect("a QR code");
    let tag = &html[start..start + html[start..].find('>').expect("end of <img>")];
    assert!(
        attr_of(tag, "alt").is_some_and(|l| !l.is_empty()),
        "the QR code has a text alternative"
    );
    let src = attr_of(tag, "src").expect("src");
    let data = src
        .strip_prefix("data:image/png;base64,")
        .expect("the QR code is an inline PNG");
    let png = base64::engine::general_purpose::STANDARD
        .decode(data)
        .expect("base64");
    let code = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
        .expect("a PNG")
        .to_luma8();
    let n = code.width() as usize;
    assert_eq!(code.height() as usize, n, "the QR code is square");
    assert_eq!(
        attr_of(tag, "width").map(|w| w.parse::<usize>().unwrap()),
        Some(4 * n),
        "four pixels a module"
    );
    let (quiet, scale) = (4, 4);
    let px = (n + 2 * quiet) * scale;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(px, px, |cx, cy| {
        let (mx, my) = (
            (cx / scale).wrapping_sub(quiet),
            (cy / scale).wrapping_sub(quiet),
        );
        if mx < n && my < n {
            code.get_pixel(mx as u32, my as u32).0[0]
        } else {
            255
        }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code is found");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn every_page_has_the_reading_tools_and_landmarks() {
    let site = demo(FOOTER);
    site.built();
    let all = pages(&site);
    let kinds = [
        "index.html",
        "campaigns/index.html",
        "campaigns/spring/index.html",
        "columns/index.html",
        "columns/faces/index.html",
        "stories/index.html",
        "stories/page/2/index.html",
        "stories/health/index.html",
        "reports/index.html",
        "reports/half-year/index.html",
        "announcements/index.html",
        "announcements/recruit/index.html",
        "pages/about/index.html",
        "tags/index.html",
        "archive/index.html",
    ];
    for kind in kinds {
        assert!(all.contains_key(kind), "{kind} was written");
    }
    let mut with_404 = all.clone();
    with_404.insert("404.html".into(), site.read("404.html"));
    for (path, html) in &with_404 {
        assert!(html.starts_with("<!DOCTYPE html>"), "{path}: doctype first");
        assert!(html.contains("<html lang=\"zh-CN\""), "{path}: lang");
        assert_eq!(html.matches("<h1").count(), 1, "{path}: one h1");
        assert!(
            html.contains("<a class=skip href=#main>跳到主要内容</a>"),
            "{path}: skip link"
        );
        assert!(html.contains("<main id=main"), "{path}: main landmark");
        assert!(
            html.contains("<header><div class=\"wrap header-top\">"),
            "{path}"
        );
        assert!(html.contains("<nav aria-label=\"网站导航\">"), "{path}");
        assert!(html.contains("<footer><div class=wrap>"), "{path}");
        // The tools: site.js (loaded in <head>) makes their box, a group
        // with its buttons (reading_tools.rs presses them in a browser); the
        // page carries none of it.
        assert!(!html.contains("a11y-tools"), "{path}: tools");
        let head = &html[..html.find("</head>").unwrap()];
        assert!(head.contains("<script src=\"/zyfw/js/site.js\"></script>"));
        assert!(head.contains("<link rel=stylesheet href=\"/zyfw/css/site.css\">"));
        assert!(!html.contains("<script>"), "{path}: no inline script");
    }
}

#[test]
fn text_sizes_line_height_and_print_rules() {
    let site = demo("");
    site.built();
    let css = site.read("css/site.css");
    let percent = |selector: &str| -> f64 {
        let re = Regex::new(&format!(
            r"(?:^|\n){}\{{font-size:([0-9.]+)%",
            regex::escape(selector)
        ))
        .unwrap();
        re.captures(&css)
            .unwrap_or_else(|| panic!("{selector} font-size"))[1]
            .parse()
            .unwrap()
    };
    let body: f64 = Regex::new(r"body\{[^}]*font:([0-9.]+)rem/([0-9.]+) ")
        .unwrap()
        .captures(&css)
        .map(|c| {
            let line: f64 = c[2].parse().unwrap();
            assert!(line >= 1.5, "body line height {line}");
            c[1].parse().unwrap()
        })
        .expect("body font");
    let px = |root_percent: f64| 16.0 * root_percent / 100.0 * body;
    assert!(px(percent("html")) >= 18.0 - 1e-6, "标准 {}", px(100.0));
    assert!(
        px(percent("html.fs-l")) >= 18.0,
        "大 {}",
        px(percent("html.fs-l"))
    );
    assert!(
        px(percent("html.fs-xl")) >= 24.0,
        "特大 {}",
        px(percent("html.fs-xl"))
    );
    for c in Regex::new(r"line-height:([0-9.]+)")
        .unwrap()
        .captures_iter(&css)
    {
        let v: f64 = c[1].parse().unwrap();
        assert!(v >= 1.5, "line-height {v} in site.css");
    }
    // The high-contrast palette, and the tools shown from the first paint.
    assert!(css.contains("html.hc{--bg:#000;"));
    assert!(css.contains("html.js .tools[hidden]{display:flex}"));
    let js = site.read("js/site.js");
    for needle in [
        "localStorage",
        "redvest-size",
        "redvest-contrast",
        "fs-xl",
        "'hc'",
    ] {
        assert!(js.contains(needle), "site.js: {needle}");
    }
    // Print: no navigation or controls; the page's URL, from its canonical
    // link, printed at the top of the page.
    let print = &css[css.find("@media print{").expect("a print style")..];
    let hidden = Regex::new(r"([^{}]+)\{display:none !important\}")
        .unwrap()
        .captures(print)
        .expect("print hides")[1]
        .to_string();
    for sel in [".skip", "body>header>nav", ".tools", ".pager", ".prev-next"] {
        assert!(hidden.contains(sel), "print hides {sel}");
    }
    assert!(print.contains("head{display:block}"));
    assert!(print.contains("link[rel=canonical]{display:block"));
    assert!(print.contains("link[rel=canonical]::after{content:attr(href)"));
    for (path, html) in pages(&site) {
        let canonical = format!("<link rel=\"canonical\" href=\"{}\">", permalink_of(&path));
        assert!(html.contains(&canonical), "{path}: its address to print");
        assert!(!html.contains("print-url"), "{path}: printed once");
    }
}

#[test]
fn footer_shows_each_filing_item_only_when_set() {
    let site = demo(FOOTER);
    site.built();
    for (path, html) in pages(&site) {
        let footer = &html[html.find("<footer").unwrap()..];
        assert!(
            footer.contains("<li class=footer-org>主办单位：乾安县文明办</li>"),
            "{path}"
        );
        assert!(footer.contains("<li class=footer-contact>联系方式：0438-0000000</li>"));
        assert!(footer.contains(
            "<li class=footer-icp><a href=\"https://beian.miit.gov.cn/\">吉ICP备12345678号-1</a></li>"
        ));
        assert!(footer.contains(
            "<li class=footer-police><a href=\"https://beian.mps.gov.cn/#/query/webSearch?code=22072302000123\">吉公网安备22072302000123号</a></li>"
        ));
        assert!(footer.contains("<li class=footer-site-code>网站标识码：2207230001</li>"));
    }
    let bare = demo("");
    bare.built();
    let html = bare.read("index.html");
    assert!(!html.contains("footer-info"), "no empty list");
    for class in [
        "footer-org",
        "footer-icp",
        "footer-police",
        "footer-site-code",
        "beian",
    ] {
        assert!(!html.contains(class), "{class} left out");
    }
    let partial = demo("footer:\n  icp: 京ICP备1号\n");
    partial.built();
    let html = partial.read("index.html");
    assert!(html.contains("<a href=\"https://beian.miit.gov.cn/\">京ICP备1号</a>"));
    assert!(!html.contains("beian.mps.gov.cn") && !html.contains("footer-org"));
}

#[test]
fn covers_are_sized_and_lazy_below_the_fold() {
    let site = demo("");
    site.built();
    let img = Regex::new(r"<img [^>]*>").unwrap();
    for (path, html) in pages(&site) {
        for tag in img.find_iter(&html).map(|m| m.as_str()) {
            assert!(tag.contains(" alt=\""), "{path}: {tag}");
            if tag.contains("class=\"cover\"") || tag.contains("class=\"hero\"") {
                assert!(
                    attr_of(tag, "width").is_some() && attr_of(tag, "height").is_some(),
                    "{path}: {tag}"
                );
            }
        }
    }
    // On the home page covers are below the fold; at the top of a list
    // they load at once. Cards show the cover's thumbnail, never the photo.
    let thumbnail = |html: &str| {
        img.find_iter(html)
            .map(|m| m.as_str().to_string())
            .find(|tag| tag.contains("/_photos/") && tag.contains("/thumb-"))
            .unwrap_or_else(|| panic!("a card shows the thumbnail: {html}"))
    };
    let home = site.read("index.html");
    assert!(thumbnail(&home).contains("loading=\"lazy\""));
    let list = site.read("stories/index.html");
    let cover = thumbnail(&list);
    assert!(!cover.contains("loading=\"lazy\""), "{cover}");
    let hero = site.read("campaigns/spring/index.html");
    let hero = hero
        .split("<picture class=\"hero\">")
        .nth(1)
        .expect("the campaign's cover is a picture");
    let tag = img.find(hero).expect("its img").as_str();
    assert!(tag.contains("src=\"/zyfw/_photos/"), "{tag}");
    assert!(
        tag.contains("width=\"1\" height=\"1\" fetchpriority=\"high\""),
        "the 1×1 photo's own size, never upscaled: {tag}"
    );
}

#[test]
fn a_photo_without_alt_text_is_a_warning_naming_the_file() {
    let site = Site::new(&[
        ("site.yaml", &config("")),
        (
            "content/stories/bundle/index.md",
            "---\ntitle: 图片\ndate: 2026-01-01\n---\n![](photo.png)\n",
        ),
    ]);
    site.write_bytes("content/stories/bundle/photo.png", PNG);
    let run = site.built();
    run.stderr_has(&["content/stories/bundle/index.md", "photo.png", "alt"]);
}

#[test]
fn a_page_without_photos_stays_light() {
    let site = demo("");
    site.built();
    let css = std::fs::metadata(site.out().join("css/site.css"))
        .unwrap()
        .len();
    let js = std::fs::metadata(site.out().join("js/site.js"))
        .unwrap()
        .len();
    let icon = std::fs::metadata(site.out().join("favicon.svg"))
        .unwrap()
        .len();
    for path in [
        "index.html",
        "reports/half-year/index.html",
        "columns/index.html",
    ] {
        let html = read_text(&site.out().join(path)).len() as u64;
        let total = html + css + js + icon;
        assert!(
            total < 100 * 1024,
            "{path}: {total} bytes with its CSS, JS and icon"
        );
    }
}

/// Four stories in one campaign, all on the first list page.
pub(crate) fn four_stories(card: &str) -> Site {
    let mut files: Vec<(String, String)> = vec![
        (
            "site.yaml".into(),
            format!("title: 乾安志愿服务\nbase_url: {BASE}\nlanguage: zh-CN\npaginate: 10\n"),
        ),
        (
            "content/campaigns/spring.md".into(),
            "---\ntitle: 春风行动\nstart: 2026-03-01\n---\n活动介绍。\n".into(),
        ),
        ("templates/partials/card.html".into(), card.into()),
    ];
    for i in 1..=4 {
        // The two newest, first on the list, have covers.
        let cover = if i > 2 { "cover: /img/c.png\n" } else { "" };
        files.push((
            format!("content/stories/s{i}.md"),
            format!(
                "---\ntitle: 故事{i}\ndate: 2026-05-0{i}\ncampaign: spring\n{cover}---\n第{i}篇正文。\n"
            ),
        ));
    }
    files.push(("static/img/c.png".into(), "png".into()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Site::new(&refs)
}

#[test]
fn every_card_is_the_one_the_card_template_draws() {
    // Cards drawn once per build (level 2, lazy: the third and fourth on
    // the list) and cards drawn in place (the first two of a list load
    // their covers eagerly; a campaign's and the home page's are level 3)
    // come from the same template, whichever way they are made.
    let site = four_stories(
        "<article class=\"card\"><h{{ level | default(value=2) }}>{{ item.title }}</h{{ level | default(value=2) }}>\
         <p class=\"mine\">{{ item.summary }}</p>{% if eager | default(value=false) %}<b>eager</b>{% endif %}</article>\n",
    );
    site.built();
    let list = site.read("stories/index.html");
    let cards: Vec<&str> = list.split("<article class=\"card\">").skip(1).collect();
    assert_eq!(cards.len(), 4, "{list}");
    for (i, card) in cards.iter().enumerate() {
        let n = 4 - i;
        assert!(
            card.starts_with(&format!(
                "<h2>故事{n}</h2><p class=\"mine\">第{n}篇正文。</p>"
            )),
            "{card}"
        );
        assert_eq!(card.contains("<b>eager</b>"), i < 2, "card {i}: {card}");
    }
    let campaign = site.read("campaigns/spring/index.html");
    for n in 1..=4 {
        assert!(
            campaign.contains(&format!(
                "<h3>故事{n}</h3><p class=\"mine\">第{n}篇正文。</p></article>"
            )),
            "{campaign}"
        );
    }
    let home = site.read("index.html");
    assert!(home.contains("<h3>故事4</h3><p class=\"mine\">"), "{home}");
}

#[test]
fn a_card_template_using_page_variables_is_drawn_on_each_page() {
    // `current` belongs to the page being rendered, so this card cannot be
    // drawn once for all pages; each list draws it with its own.
    let site = four_stories(
        "<article class=\"card\"><h2>{{ item.title }}</h2><i>{{ current.url }}</i></article>\n",
    );
    site.built();
    let list = site.read("stories/index.html");
    assert_eq!(list.matches("<i>/zyfw/stories/</i>").count(), 4, "{list}");
    let campaign = site.read("campaigns/spring/index.html");
    assert_eq!(
        campaign.matches("<i>/zyfw/campaigns/spring/</i>").count(),
        4,
        "{campaign}"
    );
}

#[test]
fn a_site_header_and_footer_show_on_every_kind_of_page_with_its_menu_entry() {
    // Drawn once per menu entry: each page still marks its own entry.
    let site = four_stories("<article class=\"card\">{{ item.title }}</article>\n");
    site.write(
        "templates/partials/header.html",
        "<header>MINE {{ site.title }} [{{ current.nav_key }}]</header>",
    );
    site.write(
        "templates/partials/footer.html",
        "<footer>FOOT {{ build.year }}</footer>",
    );
    site.built();
    for (path, key) in [
        ("index.html", "home"),
        ("stories/index.html", "stories"),
        ("stories/s1/index.html", "stories"),
        ("campaigns/index.html", "campaigns"),
        ("campaigns/spring/index.html", "campaigns"),
        ("columns/index.html", "columns"),
        ("tags/index.html", "tags"),
        ("archive/index.html", "archive"),
        ("404.html", ""),
    ] {
        let html = site.read(path);
        assert_eq!(
            html.matches(&format!("<header>MINE 乾安志愿服务 [{key}]</header>"))
                .count(),
            1,
            "{path}: {html}"
        );
        assert_eq!(html.matches("<footer>FOOT ").count(), 1, "{path}: {html}");
    }
}

#[test]
fn a_header_using_page_variables_is_drawn_on_each_page() {
    // `current.url` belongs to each page, so this header cannot be drawn
    // once for all; each page draws it with its own.
    let site = four_stories("<article class=\"card\">{{ item.title }}</article>\n");
    site.write(
        "templates/partials/header.html",
        "<header>AT {{ current.url }}</header>",
    );
    site.built();
    for (path, url) in [
        ("stories/index.html", "/zyfw/stories/"),
        ("stories/s2/index.html", "/zyfw/stories/s2/"),
        ("campaigns/spring/index.html", "/zyfw/campaigns/spring/"),
    ] {
        let html = site.read(path);
        assert!(
            html.contains(&format!("<header>AT {url}</header>")),
            "{path}: {html}"
        );
    }
}

#[test]
fn a_page_with_nothing_to_say_for_itself_is_described_by_its_slogan_or_the_site() {
    let site = Site::new(&[
        ("site.yaml", &config("")),
        (
            "content/campaigns/quiet.md",
            "---\ntitle: 静默行动\nslogan: 无声的守护\nstart: 2026-03-01\n---\n",
        ),
        (
            "content/stories/empty.md",
            "---\ntitle: 空白\ndate: 2026-01-01\ncampaign: quiet\n---\n",
        ),
    ]);
    site.built();
    let campaign = site.read("campaigns/quiet/index.html");
    assert_eq!(
        meta(&campaign, "name", "description").as_deref(),
        Some("无声的守护")
    );
    assert_eq!(
        meta(&campaign, "property", "og:type").as_deref(),
        Some("website")
    );
    let story = site.read("stories/empty/index.html");
    assert_eq!(
        meta(&story, "name", "description").as_deref(),
        Some("记录身边的志愿者")
    );
    assert_eq!(
        meta(&story, "property", "og:image").as_deref(),
        Some("https://example.org/zyfw/share.png")
    );
    assert_eq!(
        meta(&story, "property", "og:type").as_deref(),
        Some("article")
    );
}
