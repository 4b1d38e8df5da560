//! The same input and SOURCE_DATE_EPOCH give byte-identical output.

use crate::fixture::{assert_same_files, snapshot, Site};

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "content/campaigns/warm.md",
            "---\ntitle: 冬日暖阳\nstart: 2026-11-01\n---\n## 活动内容\n\n送温暖。\n",
        ),
        (
            "content/columns/haoren.md",
            "---\ntitle: 身边好人\nfrequency: weekly\n---\n",
        ),
        (
            "content/stories/a.md",
            "---\ntitle: 故事甲\ndate: 2023-03-05\ncampaign: warm\ncolumn: haoren\ntags: [志愿, 助老]\n---\n见[活动](@/campaigns/warm.md#活动内容)。\n",
        ),
        (
            "content/stories/b.md",
            "---\ntitle: 故事乙\ndate: 2023-03-05\ncolumn: haoren\ntags: [助老]\n---\n乙。\n",
        ),
        (
            "content/reports/r.md",
            "---\ntitle: 报道\ndate: 2023-03-07\ncampaign: warm\nstats: {volunteers: 12, hours: 3.5}\n---\n报道。\n",
        ),
        ("content/pages/about.md", "---\ntitle: 关于\n---\n关于。\n"),
    ]
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = Site::new(&files());
    let first = site.beside("first");
    let second = site.beside("second");
    site.build_with(&["--output", first.to_str().expect("utf-8")])
        .success();
    site.build_with(&["--output", second.to_str().expect("utf-8")])
        .success();
    let a = snapshot(&first);
    let b = snapshot(&second);
    assert!(a.len() > 20, "a real site was written");
    assert_same_files(&a, &b, "two builds");
}

#[test]
fn the_same_site_in_another_folder_builds_byte_identical() {
    let one = Site::new(&files());
    let two = Site::new(&files());
    one.built();
    two.built();
    assert_same_files(&snapshot(&one.out()), &snapshot(&two.out()), "two folders");
}

#[test]
fn rebuilding_into_the_same_folder_changes_nothing() {
    let site = Site::new(&files());
    site.built();
    let before = snapshot(&site.out());
    site.built();
    assert_same_files(&before, &snapshot(&site.out()), "a rebuild");
}

/// A site big enough that the parallel stages really split the work.
fn many_files() -> Vec<(String, String)> {
    let mut files = vec![
        (
            "content/campaigns/warm.md".to_string(),
            "---\ntitle: 冬日暖阳\nstart: 2026-11-01\n---\n暖。\n".to_string(),
        ),
        (
            "content/campaigns/green.md".to_string(),
            "---\ntitle: 绿色家园\nstart: 2020-01-01\nend: 2021-01-01\n---\n绿。\n".to_string(),
        ),
        (
            "content/columns/haoren.md".to_string(),
            "---\ntitle: 身边好人\nfrequency: weekly\n---\n".to_string(),
        ),
    ];
    let tags = ["志愿", "助老", "环保", "关爱儿童", "文明交通"];
    for i in 0..160 {
        let kind = ["stories", "reports", "announcements"][i % 3];
        let campaign = if i % 2 == 0 { "warm" } else { "green" };
        let column = if kind == "stories" && i % 4 == 0 {
            "column: haoren\n"
        } else {
            ""
        };
        let stats = if kind == "reports" {
            format!("stats: {{volunteers: {i}, hours: {}.5}}\n", i * 2)
        } else {
            String::new()
        };
        let text = format!(
            "---\ntitle: 第{i}篇 志愿服务记录\ndate: 2023-{:02}-{:02} {:02}:00\ncampaign: {campaign}\n{column}{stats}tags: [{}, {}]\n---\n## 小标题\n\n正文{i}，志愿者们在社区开展服务。\n\n- 一\n- 二\n",
            i % 12 + 1,
            i % 28 + 1,
            i % 24,
            tags[i % 5],
            tags[(i / 5) % 5],
        );
        files.push((format!("content/{kind}/item-{i:03}.md"), text));
    }
    files
}

#[test]
fn a_parallel_build_is_byte_identical_to_a_single_threaded_one() {
    let owned = many_files();
    let files: Vec<(&str, &str)> = owned
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = Site::new(&files);
    // A bundle with photos: their sized copies are made by each build (the
    // image cache is removed in between) and must come out the same.
    site.write(
        "content/stories/jiaozi/index.md",
        "---\ntitle: 饺子宴\ndate: 2024-05-18\ncover: a.png\n---\n![挂牌](照片 1.JPG)\n\n![横幅](a.png)\n",
    );
    let photos = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photos");
    for (name, fixture) in [("照片 1.JPG", "rotated.jpg"), ("a.png", "gps.png")] {
        let bytes = std::fs::read(photos.join(fixture)).expect("a fixture photo");
        site.write_bytes(&format!("content/stories/jiaozi/{name}"), &bytes);
    }
    let single = site.beside("single");
    let parallel = site.beside("parallel");
    let root = site.root().to_str().expect("utf-8").to_string();
    for (dir, threads) in [(&single, "1"), (&parallel, "4")] {
        let status = site
            .command(&[
                "build",
                "--root",
                &root,
                "--output",
                dir.to_str().expect("utf-8"),
            ])
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .expect("run the redvest binary");
        assert!(status.success(), "build with {threads} threads failed");
        let _ = std::fs::remove_dir_all(site.root().join(".redvest-cache"));
    }
    let (one, many) = (snapshot(&single), snapshot(&parallel));
    assert!(one.len() > 150, "a real site was written");
    assert!(one.keys().any(|p| p.starts_with("_photos/")), "with photos");
    assert_same_files(&one, &many, "single-threaded and parallel builds");
}
