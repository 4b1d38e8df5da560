//! `build` and `serve` render every file by the same code: each file the
//! dev server answers with is the file `build` writes for the same base
//! URL, byte for byte (pages but for the reload script the server adds).

use crate::fixture::{config_with, snapshot, Site};
use crate::serve::Server;

const CAMPAIGN: &str = "---
title: 邻里守望
slogan: 邻里守望，温暖你我
start: 2024-03-01
end: 2024-12-31
---
以“邻里守望”为主题的社区志愿服务活动。
";

const COLUMN: &str = "---
title: 最美志愿者
description: 每月讲述一位身边的志愿者
---
";

const STORY: &str = "---
title: 王秀兰：楼道里的热心人
date: 2024-04-02
campaign: linli-shouwang
column: zui-mei
tags: [敬老, volunteer]
---
王秀兰每周三给独居老人送饭。更多见[报告](../reports/yi-zhen.md)。
";

const REPORT: &str = "---
title: 一镇两村开展义诊
date: 2024-05-10
campaign: linli-shouwang
region: 湖里区
stats:
  activities: 3
  volunteers: 2600余
---
## 义诊现场

共服务群众八百余人。
";

/// A story whose bundle has photos: sized copies, a cover on cards.
const PHOTO_STORY: &str = "---
title: 饺子宴
date: 2024-05-18
cover: banner.png
---
![挂牌现场](照片 1.JPG)
";

/// The reload script the dev server adds to each page.
const RELOAD: &str = "<script src=\"/__redvest/live.js\"></script>";

#[test]
fn serve_answers_every_file_build_writes_with_the_same_bytes() {
    let site = Site::new(&[
        ("content/campaigns/linli-shouwang.md", CAMPAIGN),
        ("content/columns/zui-mei.md", COLUMN),
        ("content/stories/wang-xiulan.md", STORY),
        ("content/reports/yi-zhen.md", REPORT),
        ("content/stories/jiaozi/index.md", PHOTO_STORY),
    ]);
    let photo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photos");
    for (name, fixture) in [("照片 1.JPG", "rotated.jpg"), ("banner.png", "gps.png")] {
        let bytes = std::fs::read(photo.join(fixture)).expect("a fixture photo");
        site.write_bytes(&format!("content/stories/jiaozi/{name}"), &bytes);
    }
    let server = Server::start(&site);
    let base = format!("http://127.0.0.1:{}/", server.port);
    site.build_with(&["--base-url", &base]).success();
    let built = snapshot(&site.out());
    let pages = built.keys().filter(|p| p.ends_with(".html")).count();
    assert!(
        built.keys().any(|p| p.starts_with("_photos/")),
        "the build publishes sized copies of the bundle's photos"
    );
    // The statistics: /stats/, its year, and the exports of both and of the campaign.
    for file in [
        "stats/index.html",
        "stats/2024/index.html",
        "stats/reports.csv",
        "stats/2024/totals.csv",
        "campaigns/linli-shouwang/stats.json",
    ] {
        assert!(built.contains_key(file), "the build writes {file}");
    }
    assert!(
        pages >= 12,
        "the site has a page of every template: {pages} pages"
    );
    assert_served_as_built(&server, &built);
}

/// Every file of `built` but the output's marker is what `server` answers
/// for its path, byte for byte (pages but for the reload script).
fn assert_served_as_built(server: &Server, built: &std::collections::BTreeMap<String, Vec<u8>>) {
    // The marker of a build's output folder is the one file serve has not.
    for (path, bytes) in built.iter().filter(|(p, _)| *p != ".redvest-output") {
        let served = server.get(&format!("/{}", path.replace(' ', "%20")));
        assert_eq!(served.status, 200, "GET /{path}");
        let body = if path.ends_with(".html") {
            String::from_utf8(served.body.clone())
                .expect("a UTF-8 page")
                .replacen(RELOAD, "", 1)
                .into_bytes()
        } else {
            served.body.clone()
        };
        assert!(
            &body == bytes,
            "GET /{path} differs from the built file\n--- served\n{}\n--- built\n{}",
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn serve_answers_the_same_bytes_with_relative_links_and_file_urls() {
    let site = Site::new(&[
        (
            "site.yaml",
            &config_with("relative_links: true\nfile_urls: true\n"),
        ),
        ("content/campaigns/linli-shouwang.md", CAMPAIGN),
        ("content/columns/zui-mei.md", COLUMN),
        ("content/stories/wang-xiulan.md", STORY),
        ("content/reports/yi-zhen.md", REPORT),
    ]);
    let server = Server::start(&site);
    let base = format!("http://127.0.0.1:{}/", server.port);
    site.build_with(&["--base-url", &base]).success();
    let built = snapshot(&site.out());
    for file in ["stories/wang-xiulan.html", "stats.html", "index.html"] {
        assert!(built.contains_key(file), "the build writes {file}");
    }
    let story = String::from_utf8_lossy(&built["stories/wang-xiulan.html"]).into_owned();
    assert!(story.contains("href=\"../css/site.css\""), "{story}");
    assert_served_as_built(&server, &built);
}

/// A home page that says whether it was given the header and footer drawn
/// once per build (`chrome`) and the cards drawn once per build.
const HOME_THAT_TELLS: &str = "<html><body>\
{% if chrome is defined %}chrome{% else %}no chrome{% endif %};\
{% for item in latest %}{% if item.card is defined %}card{% else %}no card{% endif %};{% endfor %}\
</body></html>";

#[test]
fn chrome_and_cards_exist_under_serve_as_under_build() {
    let site = Site::new(&[
        ("content/stories/wang-xiulan.md", STORY),
        ("content/reports/yi-zhen.md", REPORT),
        ("content/campaigns/linli-shouwang.md", CAMPAIGN),
        ("content/columns/zui-mei.md", COLUMN),
        ("templates/index.html", HOME_THAT_TELLS),
    ]);
    site.build().success();
    let built = site.read("index.html");
    assert_eq!(built, "<html><body>chrome;card;card;</body></html>");
    let server = Server::start(&site);
    let served = server.get("/").text().replacen(RELOAD, "", 1);
    assert_eq!(served, built);
}
