//! What a clerk reads: the messages of the core (site.yaml, the output
//! folder, relations between documents, links, file encodings, the command
//! line, `new`, the dev server's terminal and error page) in Chinese for a
//! Chinese site, in English for an English reader, at the same place.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Stdio;
use std::sync::mpsc::channel;
use std::time::Duration;

use crate::fixture::{config_with, Run, Site};

const STORY: &str = "---\ntitle: 张三的故事\ndate: 2026-11-01\n---\n正文。\n";

const BAD_CONFIG: &str = "\
title: 测试志愿服务
base_url: example.org
timezone: \"8\"
paginate: 0
";

#[test]
fn site_yaml_errors_are_in_chinese_at_their_key() {
    let site = Site::new(&[("site.yaml", BAD_CONFIG), ("content/stories/a.md", STORY)]);
    let run = site.run_zh(&["build", "--root", "site"]);
    run.status(1);
    run.stderr_has(&[
        "错误：site.yaml:2:11: base_url“example.org”不是完整的网址\n  提示：请写网站发布后的网址，例如 https://example.gov.cn/zyfw/；要让链接在文件夹里或任意子路径下都能用，请保留这个网址，另加一行 relative_links: true\n",
        "错误：site.yaml:3:11: 时区“8”写得不对\n  提示：请用引号写出与 UTC 的时差，例如北京时间写 timezone: \"+08:00\"\n",
        "错误：site.yaml:4:11: “paginate”至少要是 1\n",
        "共发现 3 处错误，没有写入任何文件",
    ]);
    let en = site.run(&["build", "--root", "site"]);
    en.status(1);
    en.stderr_has(&[
        "error: site.yaml:2:11: base_url \"example.org\" is not an absolute URL\n  hint: write the address the site is published at",
        "error: site.yaml:3:11: invalid timezone \"8\"",
        "error: site.yaml:4:11: `paginate` must be at least 1",
    ]);
}

#[test]
fn a_bad_base_url_flag_is_a_chinese_usage_error() {
    let site = Site::new(&[("content/stories/a.md", STORY)]);
    let run = site.run_zh(&["build", "--root", "site", "--base-url", "ftp://x/"]);
    run.status(2);
    run.stderr_has(&[
        "错误：--base-url 参数有误：base_url“ftp://x/”必须以 http:// 或 https:// 开头\n  提示：请写完整的网址，例如 --base-url https://example.gov.cn/zyfw/",
    ]);
}

#[test]
fn an_output_folder_not_made_by_redvest_is_refused_in_chinese() {
    let site = Site::new(&[("content/stories/a.md", STORY)]);
    site.write("public/keep.txt", "部署用的文件");
    let run = site.run_zh(&["build", "--root", "site"]);
    run.status(2);
    run.stderr_has(&[
        "错误：“site/public”不是空文件夹，也不是 redvest 生成的\n  提示：redvest 每次都会整个替换输出文件夹：请用 --output 另选一个位置；如果确认这个文件夹可以被替换，请加上 --force\n",
        "发现 1 处错误，没有写入任何文件",
    ]);
    let en = site.run(&["build", "--root", "site"]);
    en.status(2);
    en.stderr_has(&["error: site/public is not empty and was not made by redvest\n  hint: redvest replaces its output whole"]);
    assert_eq!(
        std::fs::read_to_string(site.root().join("public/keep.txt")).expect("kept"),
        "部署用的文件"
    );
}

#[test]
fn unknown_campaigns_and_broken_links_are_in_chinese_at_their_place() {
    let site = Site::new(&[
        (
            "content/stories/a.md",
            "---\ntitle: 链接\ndate: 2026-11-01\ncampaign: lei-feng\n---\n见[报道](../reports/missing.md)和[定时](../reports/later.md)。\n",
        ),
        (
            "content/reports/later.md",
            "---\ntitle: 定时\ndate: 2026-12-01 09:00\n---\n",
        ),
    ]);
    let run = site.run_zh(&["build", "--root", "site"]);
    run.status(1);
    run.stderr_has(&[
        "错误：content/stories/a.md:4:11: “campaign”里写的活动专题“lei-feng”不存在\n  提示：网站还没有任何活动专题：请新建 content/campaigns/lei-feng.md\n",
        "错误：content/stories/a.md:6:2: 链接指向 content/reports/missing.md，但这个文件不存在\n  提示：请按路径链接到 content 里的文件",
        "错误：content/stories/a.md:6:30: 链接指向 content/reports/later.md，它是还没到发布时间的定时稿件，这次没有发布\n  提示：请等它到了发布时间后再链接；想先看看效果，可以加上 --future 生成\n",
    ]);
    let en = site.run(&["build", "--root", "site"]);
    en.stderr_has(&[
        "error: content/stories/a.md:4:11: unknown campaign \"lei-feng\" in `campaign`",
        "error: content/stories/a.md:6:30: links to content/reports/later.md, which is scheduled for later and not published in this build\n  hint: link to it once its date has come, or build with --future to see it",
    ]);
}

#[test]
fn a_gbk_file_is_named_in_chinese_with_how_to_convert_it() {
    let site = Site::new(&[("content/stories/a.md", STORY)]);
    // 志愿者服务 in GBK.
    site.write_bytes(
        "content/stories/g.md",
        b"\xd6\xbe\xd4\xb8\xd5\xdf\xb7\xfe\xce\xf1\n",
    );
    let run = site.run_zh(&["build", "--root", "site"]);
    run.status(1);
    run.stderr_has(&[
        "错误：content/stories/g.md: 这个文件看起来是 GBK/GB18030 编码，不是 UTF-8\n  提示：请把它转换成 UTF-8 编码：在记事本或 WPS 里选择“另存为”，编码选“UTF-8”",
    ]);
}

/// Runs redvest in the site's own folder, as a clerk would, in its language.
fn run_in_site_zh(site: &Site, args: &[&str]) -> Run {
    let mut command = site.command_zh(args);
    command.current_dir(site.root());
    Run::from(command.output().expect("run redvest"))
}

#[test]
fn a_mistyped_command_ends_with_a_chinese_line_in_a_chinese_site() {
    let site = Site::new(&[("content/stories/a.md", STORY)]);
    let run = run_in_site_zh(&site, &["biuld"]);
    run.status(2);
    run.stderr_has(&[
        "unrecognized subcommand 'biuld'",
        "命令行写得不对：没有“biuld”这个命令，可用的命令有：build、check、serve、new、init",
        "是不是想写“build”？\n  运行“redvest --help”可以查看所有命令",
    ]);
    let flag = run_in_site_zh(&site, &["build", "--forc"]);
    flag.status(2);
    flag.stderr_has(&["命令行写得不对：这里没有“--forc”这个选项。是不是想写“--force”？"]);
    let english = site.run(&["biuld"]);
    english.status(2);
    assert!(!english.stderr.contains("命令行"), "{}", english.stderr);
}

#[test]
fn a_mistyped_command_outside_a_site_follows_lang() {
    let site = Site::new(&[]);
    let mut zh = site.command_zh(&["build", "--prot", "1"]);
    zh.env("LANG", "zh_CN.UTF-8");
    let zh = Run::from(zh.output().expect("run redvest"));
    zh.status(2);
    zh.stderr_has(&["命令行写得不对：这里没有“--prot”这个选项"]);
    let en = Run::from(
        site.command_zh(&["build", "--prot", "1"])
            .output()
            .expect("run redvest"),
    );
    en.status(2);
    assert!(!en.stderr.contains("命令行"), "{}", en.stderr);
}

#[test]
fn new_prints_the_path_and_what_to_do_next_in_chinese() {
    let site = Site::new(&[]);
    let run = site.run_zh(&["new", "story", "雷锋在辽宁", "--root", "site"]);
    run.success();
    assert_eq!(
        run.stdout, "site/content/stories/lei-feng-zai-liao-ning.md\n",
        "the path alone on stdout"
    );
    assert_eq!(
        run.stderr,
        "已新建上面这个文件：请用文本编辑器打开它，写好正文；运行“redvest serve”可以边改边预览\n"
    );
    let en = site.run(&["new", "story", "雷锋在北京", "--root", "site"]);
    en.success();
    assert!(
        en.stderr.starts_with("open it in a text editor"),
        "{}",
        en.stderr
    );
}

#[test]
fn an_english_site_gets_english_summaries_without_redvest_lang() {
    let site = Site::new(&[
        ("site.yaml", &config_with("language: en\n")),
        ("content/stories/a.md", STORY),
    ]);
    let run = site.run_zh(&["build", "--root", "site"]);
    run.success();
    assert!(
        run.stdout.starts_with("1 stories, 0 reports"),
        "{}",
        run.stdout
    );
}

/// GET `path` from a server on `port`; the status and the body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .expect("send the request");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

#[test]
fn the_dev_server_speaks_chinese_in_the_terminal_and_the_browser() {
    let site = Site::new(&[(
        "content/stories/a.md",
        "---\ntitle: 坏日期\ndate: 2023-13-45\n---\n",
    )]);
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut child = site
        .command_zh(&["serve", "--root", "site", "--port", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start redvest serve");
    let (tx, lines) = channel();
    let stdout = child.stdout.take().expect("stdout");
    let stderr = child.stderr.take().expect("stderr");
    for stream in [
        Box::new(stdout) as Box<dyn Read + Send>,
        Box::new(stderr) as Box<dyn Read + Send>,
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let mut seen = Vec::new();
    let ready = format!("正在本机预览网站：http://127.0.0.1:{port}/（按 Ctrl-C 停止）");
    while !seen.contains(&ready) {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => seen.push(line),
            Err(_) => {
                let _ = child.kill();
                panic!("the server never said it was ready:\n{}", seen.join("\n"));
            }
        }
    }
    let (status, page) = get(port, "/");
    // Standard error and standard output arrive on two threads: wait for
    // the error lines, which may come after the ready line.
    let told = |seen: &[String]| {
        seen.iter()
            .any(|l| l == "网站有错误；改正之前，浏览器里会一直显示这些错误")
            && seen
                .iter()
                .any(|l| l.starts_with("错误：content/stories/a.md:3:7: "))
    };
    while !told(&seen) {
        match lines.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => seen.push(line),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(told(&seen), "{seen:?}");
    assert_eq!(status, 500, "{page}");
    for needle in [
        "<html lang=\"zh-CN\">",
        "<title>生成出错</title>",
        "<h1>网站有 1 处错误</h1>",
        "请按下面的说明改正，保存后这个页面会自动刷新。",
        "<pre>content/stories/a.md:3:7: ",
    ] {
        assert!(page.contains(needle), "{needle} in\n{page}");
    }
}
