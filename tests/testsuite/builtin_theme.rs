//! The built-in theme: a site of `site.yaml` and `content/` alone builds,
//! checks and serves with the theme compiled into redvest; a site's own
//! `themes/default/` and its `templates/` take precedence; `redvest theme
//! eject` writes the built-in theme out; `redvest init` writes no theme and,
//! without `--demo`, no item its editor did not write.

use std::path::Path;

use crate::bad_input::expect_error;
use crate::fixture::{assert_same_files, main_of, read_text, repo_theme, snapshot, Run, Site};
use crate::serve::Server;

const STORY: &str = "\
---
title: 张三的故事
date: 2026-11-01 09:00
---

STORY-BODY 张三在社区做志愿者。
";

fn plain_site() -> Site {
    Site::new(&[("content/stories/zhang-san.md", STORY)])
}

fn root_arg(site: &Site) -> &str {
    site.root().to_str().expect("a UTF-8 temp path")
}

/// `redvest <args>` as a clerk runs it, in Chinese.
fn run_chinese(site: &Site, args: &[&str]) -> Run {
    let output = site
        .command_zh(args)
        .env("REDVEST_LANG", "zh")
        .output()
        .expect("run the redvest binary");
    Run::from(output)
}

#[test]
fn a_site_of_site_yaml_and_content_alone_builds_and_checks() {
    let site = plain_site();
    assert!(!site.root().join("themes").exists());
    assert!(!site.root().join("templates").exists());
    site.check_with(&[]).success();
    site.build().success();
    let story = site.read("stories/zhang-san/index.html");
    assert!(main_of(&story).contains("STORY-BODY"), "{story}");
    assert!(
        story.contains("css/site.css"),
        "links the stylesheet: {story}"
    );
    for file in ["css/site.css", "js/site.js", "favicon.svg", "share.png"] {
        assert_eq!(
            std::fs::read(site.out().join(file)).expect(file),
            std::fs::read(repo_theme().join("static").join(file)).expect(file),
            "{file} is the built-in theme's"
        );
    }
    let home = site.read("index.html");
    assert!(
        home.contains("最新发布"),
        "the theme's Chinese strings: {home}"
    );
    assert!(
        !site.root().join("themes").exists(),
        "nothing written there"
    );
}

#[test]
fn the_built_in_theme_speaks_the_site_language() {
    let site = plain_site();
    site.write("site.yaml", &crate::fixture::config_with("language: en\n"));
    site.build().success();
    let home = site.read("index.html");
    assert!(home.contains("Latest"), "{home}");
}

#[test]
fn a_site_with_its_own_theme_uses_it() {
    let site = Site::with_local_theme(&[("content/stories/zhang-san.md", STORY)]);
    let page = repo_theme().join("templates/page.html");
    let text = std::fs::read_to_string(page).expect("page.html");
    let anchor = "<article class=article>";
    assert!(text.contains(anchor), "the theme's page.html changed");
    site.write(
        "themes/default/templates/page.html",
        &text.replacen(anchor, &format!("{anchor}<p>OWN-THEME-MARKER</p>"), 1),
    );
    site.write("themes/default/static/css/site.css", "/* OWN-CSS */\n");
    site.build().success();
    let story = site.read("stories/zhang-san/index.html");
    assert!(story.contains("OWN-THEME-MARKER"), "{story}");
    assert_eq!(site.read("css/site.css"), "/* OWN-CSS */\n");
}

#[test]
fn templates_override_the_built_in_theme() {
    let site = plain_site();
    let text = std::fs::read_to_string(repo_theme().join("templates/page.html"))
        .expect("the built-in page.html");
    let anchor = "<article class=article>";
    site.write(
        "templates/page.html",
        &text.replacen(anchor, &format!("{anchor}<p>OVERRIDE-MARKER</p>"), 1),
    );
    site.write("static/css/site.css", "/* SITE-CSS */\n");
    site.build().success();
    let story = site.read("stories/zhang-san/index.html");
    assert!(story.contains("OVERRIDE-MARKER"), "{story}");
    assert_eq!(site.read("css/site.css"), "/* SITE-CSS */\n");
    assert!(site.has("js/site.js"), "the rest of the built-in theme");
}

#[test]
fn a_template_error_in_an_override_names_its_file_line_and_column() {
    let site = plain_site();
    site.build().success();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ nothing }}</p>\n{% endblock main %}\n",
    );
    let run = site.build();
    expect_error(
        &run,
        "templates/page.html:3:",
        &["template error", "nothing"],
    );
    let run = site.run_zh(&["build", "--root", root_arg(&site)]);
    run.status(1).stderr_has(&[
        "错误：templates/page.html:3:",
        "模板有错误：",
        "提示：请修改这个模板；docs/templates.md",
    ]);
}

#[test]
fn an_unknown_theme_points_at_site_yaml_in_chinese() {
    let site = plain_site();
    site.write(
        "site.yaml",
        &crate::fixture::config_with("theme: 红色主题\n"),
    );
    let line = crate::fixture::CONFIG.lines().count() + 1;
    let run = site.run_zh(&["build", "--root", root_arg(&site)]);
    run.status(1).stderr_has(&[
        &format!("错误：site.yaml:{line}:8: 找不到主题“红色主题”：既没有 themes/红色主题/ 文件夹，也没有这个名字的内置主题"),
        "提示：请把 site.yaml 里的“theme:”改成内置主题（default），或改成 themes/ 下的一个文件夹名",
    ]);
}

#[test]
fn serve_serves_pages_and_the_stylesheet_of_the_built_in_theme() {
    let site = plain_site();
    let server = Server::start(&site);
    let page = server.get("/stories/zhang-san/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("STORY-BODY"), "{}", page.text());
    let css = server.get("/css/site.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").starts_with("text/css"));
    assert_eq!(
        css.body,
        std::fs::read(repo_theme().join("static/css/site.css")).expect("the css"),
        "the built-in stylesheet"
    );
    let png = server.get("/share.png");
    assert_eq!(png.status, 200);
    assert!(png.header("content-type").starts_with("image/png"));
    // The watcher runs without themes/: an edit is still picked up.
    site.write(
        "content/stories/zhang-san.md",
        &STORY.replace("STORY-BODY", "EDITED-BODY"),
    );
    server.get_until("/stories/zhang-san/", "rebuilt", |r| {
        r.text().contains("EDITED-BODY")
    });
    assert!(!site.root().join("themes").exists());
}

#[test]
fn serve_picks_up_a_theme_ejected_while_it_runs() {
    let site = plain_site();
    let server = Server::start(&site);
    assert_eq!(server.get("/stories/zhang-san/").status, 200);
    site.run(&["theme", "eject", "--root", root_arg(&site)])
        .success();
    let path = site.root().join("themes/default/templates/page.html");
    let text = read_text(&path);
    let anchor = "<article class=article>";
    assert!(text.contains(anchor), "the theme's page.html changed");
    std::fs::write(
        &path,
        text.replacen(anchor, &format!("{anchor}<p>EJECTED-EDIT</p>"), 1),
    )
    .expect("edit the ejected theme");
    server.get_until("/stories/zhang-san/", "the ejected theme's edit", |r| {
        r.text().contains("EJECTED-EDIT")
    });
}

#[test]
fn theme_eject_writes_the_theme_and_refuses_a_second_time() {
    let site = plain_site();
    let root = root_arg(&site);
    let run = run_chinese(&site, &["theme", "eject", "--root", root]);
    run.success();
    let dir = site.root().join("themes/default");
    let files = snapshot(&dir);
    let repo: std::collections::BTreeMap<_, _> = snapshot(&repo_theme())
        .into_iter()
        .filter(|(path, _)| !path.split('/').any(|part| part.starts_with('.')))
        .collect();
    assert_same_files(&repo, &files, "the ejected theme");
    let shown = format!("{root}/themes/default");
    for line in [
        format!("已把内置主题复制到 {shown}（共 {} 个文件）", files.len()),
        format!("  {shown}/templates/page.html"),
        format!(
            "站点现在使用这份副本：请修改 {shown} 里的文件；删除这个文件夹即可恢复使用内置主题"
        ),
    ] {
        assert!(run.stdout.contains(&line), "{line}\n{}", run.stdout);
    }

    site.write("themes/default/templates/page.html", "MY EDIT");
    let again = run_chinese(&site, &["theme", "eject", "--root", root]);
    again.status(1).stderr_has(&[
        "错误：themes/default: 这个文件夹已经存在；redvest theme eject 不会覆盖它",
        "提示：如果要从内置主题重新开始，请加上 --force 再运行：现有的文件夹会改名保留为 themes/default.old",
    ]);
    let english = site.run(&["theme", "eject", "--root", root]);
    english.status(1).stderr_has(&[
        "error: themes/default: this folder already exists; redvest theme eject does not overwrite it",
        "--force",
    ]);
    assert_eq!(
        read_text(&site.root().join("themes/default/templates/page.html")),
        "MY EDIT"
    );

    let forced = site.run(&["theme", "eject", "--root", root, "--force"]);
    forced.success();
    assert!(
        forced.stdout.contains(&format!(
            "the previous folder is kept as {root}/themes/default.old"
        )),
        "{}",
        forced.stdout
    );
    assert_eq!(
        read_text(&site.root().join("themes/default.old/templates/page.html")),
        "MY EDIT"
    );
    assert_same_files(&repo, &snapshot(&dir), "the theme ejected again");
}

#[test]
fn theme_eject_outside_a_site_is_refused() {
    let site = plain_site();
    let empty = site.beside("empty");
    std::fs::create_dir_all(&empty).expect("a folder");
    let run = site.run(&["theme", "eject", "--root", empty.to_str().expect("UTF-8")]);
    run.status(1).stderr_has(&["site.yaml", "redvest init"]);
    assert!(!empty.join("themes").exists());
}

#[test]
fn an_ejected_site_builds_byte_identical_to_the_built_in_one() {
    let site = plain_site();
    let builtin = site.beside("built-in");
    let ejected = site.beside("ejected");
    let out = |dir: &Path| dir.to_str().expect("UTF-8").to_string();
    site.build_with(&["--output", &out(&builtin)]).success();
    site.run(&["theme", "eject", "--root", root_arg(&site)])
        .success();
    site.build_with(&["--output", &out(&ejected)]).success();
    assert!(site
        .root()
        .join("themes/default/templates/base.html")
        .is_file());
    let before = snapshot(&builtin);
    assert!(before.contains_key("css/site.css"), "{:?}", before.keys());
    assert_same_files(&before, &snapshot(&ejected), "the ejected theme's site");
}

#[test]
fn init_writes_no_theme_and_publishes_nothing_it_was_not_given() {
    let site = plain_site();
    let fresh = site.beside("fresh");
    let fresh_str = fresh.to_str().expect("a UTF-8 temp path");
    let run = run_chinese(&site, &["init", fresh_str]);
    run.success();
    for line in [
        format!("已在 {fresh_str} 新建站点："),
        "网站主题已内置在 redvest 中，站点里只放您自己写的内容；现在还没有发布任何文章".to_string(),
        format!("  {fresh_str}/site.yaml"),
        "下一步：".to_string(),
        format!("  cd {fresh_str}"),
        "  redvest new story \"标题\"    写第一篇文章".to_string(),
    ] {
        assert!(run.stdout.contains(&line), "{line}\n{}", run.stdout);
    }
    assert!(!fresh.join("themes").exists(), "no copy of the theme");
    assert!(!fresh.join("content/stories").exists(), "no sample");
    let built = site.run(&["build", "--root", fresh_str]);
    built.success();
    assert!(
        built
            .stdout
            .starts_with("0 stories, 0 reports, 0 announcements, 0 pages, 0 campaigns, 0 columns"),
        "{}",
        built.stdout
    );
    let home = std::fs::read_to_string(fresh.join("public/index.html")).expect("home");
    let main = main_of(&home);
    assert!(main.contains("网站还没有发布内容"), "{main}");
    assert!(main.contains("redvest new story"), "{main}");
    assert!(!main.contains("totals"), "no totals: {main}");
    assert!(!fresh.join("public/stories/wang-xiulan").exists());
    site.run(&["check", "--root", fresh_str]).success();

    // The first article the clerk writes is what the site publishes.
    site.run(&[
        "new",
        "story",
        "第一篇",
        "--root",
        fresh_str,
        "--slug",
        "first",
    ])
    .success();
    let built = site.run(&["build", "--root", fresh_str]);
    assert!(
        built.stdout.starts_with("1 stories, 0 reports"),
        "{}",
        built.stdout
    );
}

#[test]
fn init_demo_adds_the_samples() {
    let site = plain_site();
    let fresh = site.beside("demo");
    let fresh_str = fresh.to_str().expect("a UTF-8 temp path");
    let run = site.run(&["init", "--demo", fresh_str]);
    run.success();
    assert!(run.stdout.contains("the sample articles"), "{}", run.stdout);
    assert!(
        run.stdout.contains("demo/content/stories/wang-xiulan.md"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("next:"), "{}", run.stdout);
    assert!(!fresh.join("themes").exists(), "no copy of the theme");
    let built = site.run(&["build", "--root", fresh_str]);
    assert!(
        built
            .stdout
            .starts_with("1 stories, 1 reports, 1 announcements, 1 pages, 1 campaigns, 1 columns"),
        "{}",
        built.stdout
    );
    let home = std::fs::read_to_string(fresh.join("public/index.html")).expect("home");
    assert!(main_of(&home).contains("王秀兰"), "the sample story");
}
