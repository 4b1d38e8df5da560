//! A symbolic link whose target lies outside the site root is never
//! followed for output: in `content/`, `static/`, a page bundle,
//! `templates/` or `themes/`, it is an error naming the link and its
//! target, in `build`, `check` and `serve` alike. Links that stay inside
//! the site keep working; a link loop is an error, not a hang.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::fixture::{snapshot, Site};
use crate::serve::Server;

/// What the file outside the site holds: never published.
const SECRET: &str = "SECRET-OUTSIDE-THE-SITE";

const STORY: &str = "---\ntitle: 张三\ndate: 2023-03-05\n---\n正文。\n";

const BUNDLE: &str = "---\ntitle: 李四\ndate: 2023-03-06\n---\n![照片](photo.png)\n";

/// A site with a story and a bundle, and a folder `outside/` beside it
/// holding `secret.txt`, `story.md` and `dir/secret.txt`.
fn site_beside_outside() -> (Site, PathBuf) {
    let site = Site::new(&[
        ("content/stories/zhang-san.md", STORY),
        ("content/stories/li-si/index.md", BUNDLE),
        ("content/stories/li-si/photo.png", "PNG"),
        ("static/robots-note.txt", "inside"),
    ]);
    let outside = site.beside("outside");
    fs::create_dir_all(outside.join("dir")).expect("create outside/dir");
    fs::write(outside.join("secret.txt"), SECRET).expect("write the secret");
    fs::write(outside.join("dir/secret.txt"), SECRET).expect("write the secret");
    fs::write(
        outside.join("story.md"),
        format!("---\ntitle: 外面\ndate: 2023-03-07\n---\n{SECRET}\n"),
    )
    .expect("write the outside story");
    (site, outside)
}

fn link(site: &Site, rel: &str, target: impl AsRef<Path>) {
    let path = site.root().join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folders");
    }
    symlink(target.as_ref(), &path).unwrap_or_else(|e| panic!("link {}: {e}", path.display()));
}

/// Copies a folder tree.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a folder");
    for entry in fs::read_dir(from).expect("read a folder") {
        let entry = entry.expect("a folder entry");
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            fs::copy(&path, to.join(entry.file_name())).expect("copy a file");
        }
    }
}

/// The real path of a file outside the site, as the message shows it.
fn real(path: &Path) -> String {
    path.canonicalize()
        .expect("the outside file exists")
        .display()
        .to_string()
}

/// Checks that nothing under the output holds the secret.
fn nothing_leaked(site: &Site) {
    for (path, bytes) in snapshot(&site.out()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "{path} holds the file from outside the site"
        );
    }
}

/// Runs `build` (English and Chinese) and `check`, each refusing the link
/// `shown` to `target`, and checks that the output was not touched.
#[track_caller]
fn refused_everywhere(site: &Site, shown: &str, target: &str) {
    let before = snapshot(&site.out());
    let en = site.build();
    en.status(1).stderr_has(&[
        &format!("error: {shown}: the link points outside the site, to `{target}`"),
        "copy the file into the site instead of linking it",
    ]);
    let zh = site.run_zh(&["build", "--root", site.root().to_str().expect("utf-8")]);
    zh.status(1).stderr_has(&[
        &format!("错误：{shown}: 这是一个链接，指向网站文件夹以外的“{target}”"),
        "请把文件复制到网站文件夹里，不要用链接指向它",
    ]);
    site.check_with(&[])
        .status(1)
        .stderr_has(&[&format!("error: {shown}: the link points outside the site")]);
    assert_eq!(snapshot(&site.out()), before, "the output is as it was");
    nothing_leaked(site);
}

#[test]
fn a_static_file_linked_out_of_the_site_is_an_error_naming_the_link() {
    let (site, outside) = site_beside_outside();
    site.built();
    link(&site, "static/x.txt", outside.join("secret.txt"));
    refused_everywhere(&site, "static/x.txt", &real(&outside.join("secret.txt")));
    assert!(!site.has("x.txt"));
}

#[test]
fn a_static_folder_linked_out_of_the_site_by_a_relative_link_is_an_error() {
    let (site, outside) = site_beside_outside();
    site.built();
    link(&site, "static/docs", "../../outside/dir");
    refused_everywhere(&site, "static/docs", &real(&outside.join("dir")));
    assert!(!site.has("docs/secret.txt"));
}

#[test]
fn a_bundle_file_linked_out_of_the_site_is_an_error_naming_the_link() {
    let (site, outside) = site_beside_outside();
    site.built();
    link(
        &site,
        "content/stories/li-si/secret.txt",
        "../../../../outside/secret.txt",
    );
    refused_everywhere(
        &site,
        "content/stories/li-si/secret.txt",
        &real(&outside.join("secret.txt")),
    );
}

#[test]
fn a_bundle_folder_linked_out_of_the_site_is_an_error_naming_the_link() {
    let (site, outside) = site_beside_outside();
    site.built();
    link(&site, "content/stories/li-si/files", outside.join("dir"));
    refused_everywhere(
        &site,
        "content/stories/li-si/files",
        &real(&outside.join("dir")),
    );
}

#[test]
fn a_markdown_file_linked_out_of_the_site_through_a_chain_is_an_error() {
    let (site, outside) = site_beside_outside();
    site.built();
    // content/stories/chain.md → ../../hop.md (in the site root) → outside/story.md
    link(&site, "hop.md", outside.join("story.md"));
    link(&site, "content/stories/chain.md", "../../hop.md");
    refused_everywhere(
        &site,
        "content/stories/chain.md",
        &real(&outside.join("story.md")),
    );
}

#[test]
fn a_template_linked_out_of_the_site_is_an_error_naming_the_link() {
    let (site, outside) = site_beside_outside();
    site.built();
    fs::write(
        outside.join("base.html"),
        format!("{SECRET}{{% block main %}}{{% endblock %}}"),
    )
    .expect("write the outside template");
    link(&site, "templates/base.html", outside.join("base.html"));
    refused_everywhere(
        &site,
        "templates/base.html",
        &real(&outside.join("base.html")),
    );
}

#[test]
fn a_theme_folder_linked_out_of_the_site_is_an_error_naming_the_link() {
    let (site, outside) = site_beside_outside();
    site.built();
    copy_dir(&crate::fixture::repo_theme(), &outside.join("theme"));
    link(&site, "themes/default", outside.join("theme"));
    refused_everywhere(&site, "themes/default", &real(&outside.join("theme")));
}

#[test]
fn a_theme_strings_file_linked_out_of_the_site_is_an_error_naming_the_link() {
    let (site, outside) = site_beside_outside();
    site.local_theme();
    site.built();
    fs::write(outside.join("strings.yaml"), format!("home: {SECRET}\n"))
        .expect("write the outside strings");
    fs::remove_file(site.root().join("themes/default/i18n/zh-CN.yaml")).expect("remove");
    link(
        &site,
        "themes/default/i18n/zh-CN.yaml",
        outside.join("strings.yaml"),
    );
    refused_everywhere(
        &site,
        "themes/default/i18n/zh-CN.yaml",
        &real(&outside.join("strings.yaml")),
    );
}

#[test]
fn links_that_stay_inside_the_site_keep_working() {
    let (site, _outside) = site_beside_outside();
    // A file link, relative; a folder link, absolute; a chain of two.
    link(
        &site,
        "static/logo.png",
        "../content/stories/li-si/photo.png",
    );
    link(&site, "static/notes", site.root().join("static-extra"));
    site.write("static-extra/a.txt", "extra");
    link(&site, "hop.txt", "static/robots-note.txt");
    link(&site, "static/chained.txt", "../hop.txt");
    link(
        &site,
        "content/stories/wang-wu.md",
        "../../stories-src/wang-wu.md",
    );
    site.write(
        "stories-src/wang-wu.md",
        "---\ntitle: 王五\ndate: 2023-03-08\n---\n正文。\n",
    );
    site.built();
    assert_eq!(site.read("logo.png"), "PNG");
    assert_eq!(site.read("notes/a.txt"), "extra");
    assert_eq!(site.read("chained.txt"), "inside");
    assert!(site.read("stories/wang-wu/index.html").contains("王五"));
    site.check_with(&[]).success();
}

#[test]
fn a_link_loop_is_an_error_naming_the_link_not_a_hang() {
    let (site, _outside) = site_beside_outside();
    site.built();
    link(&site, "content/stories/loop-a.md", "loop-b.md");
    link(&site, "content/stories/loop-b.md", "loop-a.md");
    let before = snapshot(&site.out());
    site.build().status(1).stderr_has(&[
        "error: content/stories/loop-a.md: the link cannot be followed: it leads back to itself through other links (a loop)",
        "error: content/stories/loop-b.md: the link cannot be followed",
    ]);
    site.run_zh(&["check", "--root", site.root().to_str().expect("utf-8")])
        .status(1)
        .stderr_has(&[
            "错误：content/stories/loop-a.md: 无法打开这个链接：它经过其他链接又指回了自己",
        ]);
    assert_eq!(snapshot(&site.out()), before);

    let (looped, _outside) = site_beside_outside();
    link(&looped, "static/again", ".");
    looped.build().status(1).stderr_has(&["static/again"]);
}

#[test]
fn serve_refuses_files_linked_out_of_the_site_and_shows_the_error() {
    let (site, outside) = site_beside_outside();
    link(&site, "static/x.txt", outside.join("secret.txt"));
    link(
        &site,
        "content/stories/li-si/secret.txt",
        outside.join("secret.txt"),
    );
    link(&site, "static/outside", &outside);
    let server = Server::start(&site);
    for path in ["/x.txt", "/stories/li-si/secret.txt", "/outside/secret.txt"] {
        let response = server.get(path);
        assert!(
            // The site has errors: its files are not served (503) until
            // the link is gone; a file that turns into a link out after a
            // good build is refused with 403.
            matches!(response.status, 403 | 503),
            "{path}: {}",
            response.status
        );
        assert!(!response.text().contains(SECRET), "{path} leaked the file");
    }
    let home = server.get("/");
    assert_eq!(home.status, 500, "{}", home.text());
    let text = home.text();
    assert!(
        [
            "static/x.txt",
            "static/outside",
            "content/stories/li-si/secret.txt"
        ]
        .iter()
        .all(|link| text.contains(link)),
        "the error page names every link: {text}"
    );
    assert!(text.contains("the link points outside the site"), "{text}");
}

#[test]
fn a_photo_linked_out_of_the_site_is_not_read_to_be_resized() {
    let (site, outside) = site_beside_outside();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photos/gps.jpg");
    fs::copy(&fixture, outside.join("photo.jpg")).expect("copy the photo outside");
    site.write(
        "content/stories/wang-wu.md",
        "---\ntitle: 王五\ndate: 2023-03-08\n---\n![横幅](/img/banner.jpg)\n",
    );
    site.built();
    link(&site, "static/img/banner.jpg", outside.join("photo.jpg"));
    refused_everywhere(
        &site,
        "static/img/banner.jpg",
        &real(&outside.join("photo.jpg")),
    );
    let cache = site.root().join(".redvest-cache/images");
    let entries = fs::read_dir(&cache).map(|dir| dir.count()).unwrap_or(0);
    assert_eq!(
        entries,
        0,
        "the photo outside the site was read and resized into {}",
        cache.display()
    );
}
