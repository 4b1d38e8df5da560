//! Bad `site.yaml`, themes and templates, and a bad environment, beyond
//! `bad_input`: each case checks the exit status, the message (file, line,
//! hint) and that the previous output is byte-for-byte unchanged.

use crate::bad_input::{assert_clean_failure, broken_build, expect_error, site};
use crate::fixture::{assert_same_files, config_with, snapshot, CONFIG};

// ---- site.yaml ----

#[test]
fn missing_site_yaml_is_named_and_the_output_kept() {
    let site = site();
    let run = broken_build(&site, |site| site.remove("site.yaml"));
    expect_error(&run, "site.yaml", &["no site.yaml"]);
}

#[test]
fn site_yaml_syntax_error_points_at_its_line() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "site.yaml",
            &CONFIG.replace(
                "description: 记录身边的志愿者",
                "description: 记录: 身边的志愿者",
            ),
        );
    });
    expect_error(&run, "site.yaml:3:", &[]);
}

#[test]
fn site_yaml_without_title_names_the_key() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write("site.yaml", &CONFIG.replace("title: 测试志愿服务\n", ""));
    });
    expect_error(&run, "site.yaml", &["`title`"]);
}

#[test]
fn site_yaml_in_gbk_is_named_as_gbk() {
    let site = site();
    let run = broken_build(&site, |site| {
        // title: 志愿服务队, in GBK.
        let mut bytes = b"title: ".to_vec();
        bytes.extend_from_slice(&[0xD6, 0xBE, 0xD4, 0xB8, 0xB7, 0xFE, 0xCE, 0xF1, 0xB6, 0xD3]);
        bytes.extend_from_slice(b"\nbase_url: https://example.org/\n");
        site.write_bytes("site.yaml", &bytes);
    });
    expect_error(&run, "site.yaml", &["GBK"]);
}

#[test]
fn timezone_without_minutes_points_at_it() {
    let site = site();
    let line = CONFIG.lines().count() + 1;
    let run = broken_build(&site, |site| {
        site.write("site.yaml", &config_with("timezone: \"+8\"\n"));
    });
    expect_error(
        &run,
        &format!("site.yaml:{line}:"),
        &["invalid timezone \"+8\""],
    );
}

#[test]
fn paginate_written_as_a_word_points_at_it() {
    let site = site();
    let line = CONFIG.lines().count() + 1;
    let run = broken_build(&site, |site| {
        site.write("site.yaml", &config_with("paginate: many\n"));
    });
    expect_error(&run, &format!("site.yaml:{line}:"), &["paginate", "many"]);
}

#[test]
fn unknown_theme_is_named() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write("site.yaml", &config_with("theme: nope\n"));
    });
    let line = crate::fixture::CONFIG.lines().count() + 1;
    expect_error(
        &run,
        &format!("site.yaml:{line}:8"),
        &["\"nope\"", "themes/nope/", "built-in theme (default)"],
    );
}

// ---- templates ----

#[test]
fn template_unknown_field_names_the_template_and_line() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "templates/page.html",
            "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.nope }}</p>\n{% endblock main %}\n",
        );
    });
    expect_error(&run, "templates/page.html:4:", &["nope"]);
}

#[test]
fn template_unknown_variable_names_the_template_and_line() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "templates/page.html",
            "{% extends \"base.html\" %}\n{% block main %}\n\n<p>{{ nothing }}</p>\n{% endblock main %}\n",
        );
    });
    expect_error(&run, "templates/page.html:4:", &["nothing"]);
}

#[test]
fn missing_template_is_named() {
    let site = site();
    site.local_theme();
    let run = broken_build(&site, |site| {
        site.remove("themes/default/templates/list.html");
    });
    expect_error(
        &run,
        "themes/default/templates/list.html",
        &["missing template"],
    );
    run.stderr_has(&["list.html to the theme"]);
}

// ---- the environment ----

#[test]
fn bad_source_date_epoch_is_a_usage_error() {
    let site = site();
    site.built();
    let before = snapshot(&site.out());
    let root = site.root().to_str().expect("a UTF-8 temp path");
    let output = site
        .command(&["build", "--root", root])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .expect("run redvest");
    let run = crate::fixture::Run::from(output);
    run.status(2)
        .stderr_has(&["SOURCE_DATE_EPOCH", "yesterday", "\n  hint: "]);
    assert_clean_failure(&run);
    assert_same_files(&before, &snapshot(&site.out()), "after a refused build");
}
