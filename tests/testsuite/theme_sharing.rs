//! The sharing tags of the default theme: title, description, canonical
//! link, Open Graph and microdata on every page, the QR code of each page's
//! own URL (decoded back), and the NewsArticle JSON-LD of single pages.

use regex::Regex;

use crate::fixture::Site;
use crate::theme::*;

#[test]
fn every_page_has_title_description_canonical_open_graph_and_microdata() {
    let site = demo(FOOTER);
    site.built();
    let title_re = Regex::new(r"<title>([^<]+)</title>").unwrap();
    for (path, html) in pages(&site) {
        let url = permalink_of(&path);
        let title = title_re
            .captures(&html)
            .map(|c| unescape(&c[1]))
            .unwrap_or_else(|| panic!("{path}: <title>"));
        assert!(title.ends_with("乾安志愿服务"), "{path}: {title}");
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
            "{path}: canonical {url}"
        );
        assert_eq!(
            meta(&html, "property", "og:url").as_deref(),
            Some(url.as_str())
        );
        assert_eq!(
            meta(&html, "property", "og:site_name").as_deref(),
            Some("乾安志愿服务")
        );
        assert_eq!(
            meta(&html, "property", "og:locale").as_deref(),
            Some("zh_CN")
        );
        let description = meta(&html, "name", "description").expect("description");
        assert!(!description.is_empty(), "{path}");
        assert_eq!(
            meta(&html, "property", "og:description"),
            Some(description.clone())
        );
        assert_eq!(meta(&html, "itemprop", "description"), Some(description));
        let og_title = meta(&html, "property", "og:title").expect("og:title");
        assert!(title.starts_with(&og_title), "{path}: {og_title} / {title}");
        assert_eq!(meta(&html, "itemprop", "name"), Some(og_title));
        let image = meta(&html, "property", "og:image").expect("og:image");
        assert!(image.starts_with(BASE), "{path}: absolute og:image {image}");
        assert!(
            site.has(image.trim_start_matches(BASE)),
            "{path}: og:image {image} exists"
        );
        assert_eq!(meta(&html, "itemprop", "image"), Some(image));
        assert!(html.contains("itemscope itemtype=\"https://schema.org/WebPage\""));
        let og_type = meta(&html, "property", "og:type").unwrap();
        let single = ["stories/", "reports/", "announcements/"].iter().any(|k| {
            path.starts_with(k) && !path.contains("page/") && path.matches('/').count() == 2
        });
        assert_eq!(
            og_type,
            if single { "article" } else { "website" },
            "{path}"
        );
    }
    // The page's own summary and cover where it has them.
    let story = site.read("stories/health/index.html");
    assert_eq!(
        meta(&story, "name", "description").as_deref(),
        Some("社区服务站里的退休医生")
    );
    // A sized copy of the cover (a photo is published at its widths).
    let image = meta(&story, "property", "og:image").unwrap_or_default();
    assert!(
        image.starts_with("https://example.org/zyfw/_photos/") && image.ends_with(".png"),
        "og:image {image}"
    );
    assert_eq!(
        meta(&story, "property", "article:published_time").as_deref(),
        Some("2026-05-12T09:30:00+08:00")
    );
    assert_eq!(metas(&story, "property", "article:tag"), ["助老", "义诊"]);
    let campaign = site.read("campaigns/spring/index.html");
    let image = meta(&campaign, "property", "og:image").unwrap_or_default();
    assert!(
        image.starts_with("https://example.org/zyfw/_photos/") && image.ends_with(".png"),
        "campaign og:image {image}"
    );
    assert_eq!(
        meta(&campaign, "name", "description").as_deref(),
        Some("春季志愿服务活动")
    );
    let column = site.read("columns/faces/index.html");
    assert_eq!(
        meta(&column, "name", "description").as_deref(),
        Some("每周一位志愿者")
    );
    // 404: not indexed, no canonical, no QR code.
    let not_found = site.read("404.html");
    assert!(not_found.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!not_found.contains("rel=\"canonical\""));
    assert!(!not_found.contains("class=\"qr\""));
}

#[test]
fn the_qr_code_of_every_page_decodes_to_its_own_url() {
    let site = demo(FOOTER);
    site.built();
    let all = pages(&site);
    assert!(all.len() > 15);
    for (path, html) in &all {
        let share = &html[html.find("<div class=share>").expect("share block")..];
        assert!(
            share.starts_with("<div class=share><p>微信扫一扫 分享</p>"),
            "{path}: the QR code sits under 微信扫一扫 分享"
        );
        assert!(
            html.find("<div class=share>") < html.find("</main>"),
            "{path}: inside main"
        );
        assert_eq!(decode_qr(html), permalink_of(path), "{path}");
    }
}

#[test]
fn the_qr_code_follows_the_base_url() {
    let site = demo("");
    site.build_with(&["--base-url", "https://zyfw.example.cn/"])
        .success();
    let html = site.read("stories/health/index.html");
    assert_eq!(decode_qr(&html), "https://zyfw.example.cn/stories/health/");
}

/// The JSON-LD of a page, parsed.
fn json_ld(html: &str) -> Option<serde_json::Value> {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open)? + open.len();
    let end = start + html[start..].find("</script>")?;
    Some(serde_json::from_str(&html[start..end]).expect("the JSON-LD parses"))
}

#[test]
fn single_pages_carry_news_article_json_ld() {
    let site = demo(FOOTER);
    site.built();
    let story = site.read("stories/health/index.html");
    let ld = json_ld(&story).expect("JSON-LD on a story");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "健康哨兵");
    // Said once on the page, elsewhere: the description, URL, language and
    // tags (`article:tag`).
    for said in [
        "description",
        "url",
        "mainEntityOfPage",
        "inLanguage",
        "keywords",
    ] {
        assert!(ld.get(said).is_none(), "{said} in {ld}");
    }
    assert_eq!(
        meta(&story, "name", "description").as_deref(),
        Some("社区服务站里的退休医生")
    );
    assert_eq!(ld["datePublished"], "2026-05-12T09:30:00+08:00");
    // Never updated: no modification date that would repeat publication's.
    assert!(ld.get("dateModified").is_none(), "{ld}");
    let image = ld["image"][0].as_str().unwrap_or_default();
    assert!(
        image.starts_with("https://example.org/zyfw/_photos/") && image.ends_with(".png"),
        "JSON-LD image {image}"
    );
    assert_eq!(ld["author"][0]["@type"], "Person");
    assert_eq!(ld["author"][0]["name"], "记者 张晓雨");
    assert_eq!(ld["publisher"]["name"], "乾安县文明办");
    assert_eq!(
        ld["publisher"]["@id"],
        "https://example.org/zyfw/#organization"
    );
    // Its address and logo are the same on every page: said on the home
    // page, under the same @id.
    assert!(ld["publisher"].get("logo").is_none(), "{ld}");
    let home = json_ld(&site.read("index.html")).expect("JSON-LD on the home page");
    assert_eq!(home["@context"], "https://schema.org");
    assert_eq!(home["@type"], "Organization");
    assert_eq!(home["@id"], ld["publisher"]["@id"]);
    assert_eq!(home["name"], "乾安县文明办");
    assert_eq!(home["url"], "https://example.org/zyfw/");
    assert_eq!(home["logo"], "https://example.org/zyfw/share.png");
    let tags: Vec<String> = ["助老", "义诊"]
        .iter()
        .map(|t| format!("<meta property=\"article:tag\" content=\"{t}\">"))
        .collect();
    assert!(tags.iter().all(|t| story.contains(t)), "tags for sharers");
    let report = json_ld(&site.read("reports/half-year/index.html")).expect("on a report");
    assert_eq!(report["@type"], "NewsArticle");
    assert_eq!(report["dateModified"], "2026-07-20T00:00:00+08:00");
    assert_eq!(report["author"]["@type"], "Organization");
    // The organization is named once: the publisher refers to the author.
    assert_eq!(report["author"]["name"], "乾安县文明办");
    assert_eq!(
        report["publisher"],
        serde_json::json!({"@id": report["author"]["@id"]})
    );
    assert_eq!(
        report["author"]["@id"],
        "https://example.org/zyfw/#organization"
    );
    let notice = json_ld(&site.read("announcements/recruit/index.html")).expect("on a notice");
    assert_eq!(notice["@type"], "NewsArticle");
    // Lists and standalone pages are not news articles.
    for path in ["stories/index.html", "pages/about/index.html"] {
        assert!(json_ld(&site.read(path)).is_none(), "{path}");
    }
}

#[test]
fn json_ld_names_the_site_as_publisher_when_no_organization_is_set() {
    let title: String = "志".repeat(120);
    let story = format!("---\ntitle: {title}\ndate: 2026-01-01\n---\n正文。\n");
    let site = Site::new(&[("site.yaml", &config("")), ("content/stories/x.md", &story)]);
    site.built();
    let ld = json_ld(&site.read("stories/x/index.html")).expect("JSON-LD on a story");
    assert_eq!(ld["publisher"]["@id"], ld["author"]["@id"]);
    assert_eq!(ld["author"]["@type"], "Organization");
    assert_eq!(ld["author"]["name"], "乾安志愿服务");
    assert_eq!(
        ld["author"]["@id"],
        "https://example.org/zyfw/#organization"
    );
    // No cover: no image (the site's share.png is the organization's logo),
    // while sharers still get share.png.
    assert!(ld.get("image").is_none(), "{ld}");
    assert_eq!(
        meta(&site.read("stories/x/index.html"), "property", "og:image").as_deref(),
        Some("https://example.org/zyfw/share.png")
    );
    assert_eq!(ld["articleSection"], "先进典型");
    // Headlines are cut at 110 characters.
    assert_eq!(ld["headline"], format!("{}…", "志".repeat(110)));
    assert!(ld.get("keywords").is_none(), "{ld}");
}

#[test]
fn json_ld_cannot_close_its_script() {
    let hostile = "</script><script>alert(1)</script><!-- & \"x\" 'y'";
    let story = format!(
        "---\ntitle: '{}'\ndate: 2026-01-01\nauthor: ['</script>']\n---\n正文。\n",
        hostile.replace('\'', "''")
    );
    let site = Site::new(&[("site.yaml", &config("")), ("content/stories/x.md", &story)]);
    site.built();
    let html = site.read("stories/x/index.html");
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let script = &html[start..start + html[start..].find("</script>").unwrap()];
    assert!(
        !script[8..].contains('<'),
        "no < inside the JSON-LD: {script}"
    );
    assert!(!html.contains("<script>alert"));
    let ld = json_ld(&html).unwrap();
    assert_eq!(ld["headline"], hostile, "the title reads back intact");
    assert_eq!(ld["author"][0]["name"], "</script>");
}
