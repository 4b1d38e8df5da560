//! The deployment guide's nginx configuration (docs/deploying.md, its
//! `nginx` block, read from the guide so the two cannot drift) run by a
//! real nginx on a loopback port, serving the demo site under `/zyfw/`;
//! every link crawled from `/zyfw/`, for each way of building the site.
//! nginx is needed (CI installs it: `apt-get install nginx`); without it
//! the test fails.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

use crate::hosting::{assert_whole, crawl, demo, free_port, get};

/// The guide's nginx `server` block.
fn guide_config() -> String {
    let guide = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deploying.md");
    let text = std::fs::read_to_string(guide).expect("docs/deploying.md");
    let start = text
        .find("```nginx\n")
        .expect("an nginx block in the guide")
        + 9;
    let len = text[start..].find("```").expect("its end");
    text[start..start + len].to_string()
}

/// The nginx binary.
fn nginx() -> PathBuf {
    ["nginx", "/usr/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|n| {
            Command::new(n)
                .arg("-v")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("nginx is needed for the hosting tests: apt-get install nginx")
}

/// A running nginx, stopped when dropped.
struct Nginx {
    child: Child,
    port: u16,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// nginx run as the current user, in the foreground, with its own prefix
/// in `dir`, serving the guide's `server` with `www` as its `root`.
fn start_nginx(dir: &Path, www: &Path) -> Nginx {
    let port = free_port();
    let server = guide_config();
    assert!(server.contains("listen 80;") && server.contains("root /var/www;"));
    let server = server
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
        .replace("root /var/www;", &format!("root {};", www.display()));
    let d = dir.display();
    let mime = if Path::new("/etc/nginx/mime.types").exists() {
        "include /etc/nginx/mime.types;"
    } else {
        "types { text/html html; text/css css; text/javascript js; image/png png; image/svg+xml svg; application/xml xml; }"
    };
    let conf = format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {d}/nginx.pid;\n\
         error_log {d}/error.log;\nevents {{ worker_connections 64; }}\n\
         http {{\n{mime}\ndefault_type application/octet-stream;\naccess_log off;\n\
         client_body_temp_path {d}/body;\nproxy_temp_path {d}/proxy;\n\
         fastcgi_temp_path {d}/fastcgi;\nuwsgi_temp_path {d}/uwsgi;\nscgi_temp_path {d}/scgi;\n\
         {server}\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), conf).expect("write nginx.conf");
    let child = Command::new(nginx())
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .arg("-e")
        .arg(dir.join("error.log"))
        .spawn()
        .expect("start nginx");
    let mut nginx = Nginx { child, port };
    for _ in 0..200 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return nginx;
        }
        if let Ok(Some(status)) = nginx.child.try_wait() {
            let log = std::fs::read_to_string(dir.join("error.log")).unwrap_or_default();
            panic!("nginx stopped ({status}): {log}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = nginx.child.kill();
    panic!("nginx did not listen on {}", nginx.port);
}

/// Builds the demo into `<tmp>/www/zyfw` with `args`, then serves it by
/// nginx under `/zyfw/`, crawls it from `/zyfw/` and returns what it found.
fn crawled(args: &[&str], base_of: impl Fn(u16) -> String) {
    let site = demo();
    let dir = tempfile::tempdir().expect("a folder for nginx");
    let www = dir.path().join("www");
    let out = www.join("zyfw");
    std::fs::create_dir_all(&www).expect("www");
    // The port is known once nginx runs; the build names it in base_url.
    let nginx = start_nginx(dir.path(), &www);
    let base = base_of(nginx.port);
    let out_arg = out.to_str().expect("a UTF-8 path");
    let mut build = vec!["--output", out_arg, "--base-url", &base];
    build.extend_from_slice(args);
    site.build_with(&build).success();
    // A `.git` kept in the output for deployment is never served.
    std::fs::create_dir_all(out.join(".git")).expect(".git");
    std::fs::write(out.join(".git/config"), "[core]\n").expect(".git/config");
    assert_eq!(get(nginx.port, "/zyfw/.git/config").0, 404);
    assert_eq!(get(nginx.port, "/zyfw/no-such-page/").0, 404);
    let origin = format!("http://127.0.0.1:{}", nginx.port);
    let crawl = crawl(nginx.port, "/zyfw/", &origin);
    assert_whole(
        &crawl,
        &format!("{args:?}"),
        &[
            "/zyfw/stories/",
            "/zyfw/reports/",
            "/zyfw/announcements/",
            "/zyfw/campaigns/",
            "/zyfw/columns/",
            "/zyfw/tags/",
            "/zyfw/archive",
            "/zyfw/stats",
            "/zyfw/search/",
            "/zyfw/css/site.css",
            "/zyfw/js/site.js",
            ".png",
        ],
    );
}

#[test]
fn nginx_with_the_guides_configuration_serves_every_link_under_a_sub_path() {
    crawled(&[], |port| format!("http://127.0.0.1:{port}/zyfw/"));
}

#[test]
fn nginx_serves_a_site_with_relative_links_under_a_path_it_was_not_built_for() {
    // Built for another address: only relative links lead anywhere.
    crawled(&["--relative-links"], |_| {
        "https://example.org/elsewhere/".to_string()
    });
}

#[test]
fn nginx_serves_a_site_with_file_urls_under_a_sub_path() {
    crawled(&["--file-urls"], |port| {
        format!("http://127.0.0.1:{port}/zyfw/")
    });
}
