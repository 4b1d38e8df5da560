//! Slugs read Chinese by phrase: place names and polyphonic words take their
//! right readings in file names, tag URLs and `redvest new` file names
//! (长沙 → `chang-sha`, not `zhang-sha`).

use crate::fixture::{main_of, Site};

/// Place names and words, each with the slug it must get.
const READINGS: &[(&str, &str)] = &[
    ("长沙", "chang-sha"),
    ("厦门", "xia-men"),
    ("重庆", "chong-qing"),
    ("银行", "yin-hang"),
    ("蚌埠", "beng-bu"),
    ("六安", "lu-an"),
    ("乐清", "yue-qing"),
    ("单县", "shan-xian"),
    ("长春", "chang-chun"),
    ("东莞", "dong-guan"),
    ("番禺", "pan-yu"),
    ("丽水", "li-shui"),
    ("台州", "tai-zhou"),
    ("铅山", "yan-shan"),
    ("朝阳", "chao-yang"),
    ("首都", "shou-du"),
    ("都是", "dou-shi"),
    ("重阳节", "chong-yang-jie"),
    ("长者", "zhang-zhe"),
    ("还书", "huan-shu"),
    ("还是", "hai-shi"),
    ("行动", "xing-dong"),
    ("行业", "hang-ye"),
    ("了解", "liao-jie"),
    ("好了", "hao-le"),
    ("默默地", "mo-mo-de"),
    ("的确", "di-que"),
    ("调查", "diao-cha"),
    ("投降", "tou-xiang"),
    ("参加", "can-jia"),
    ("人参", "ren-shen"),
    ("便民", "bian-min"),
    ("便宜", "pian-yi"),
    ("音乐", "yin-yue"),
    ("快乐", "kuai-le"),
    ("单位", "dan-wei"),
    ("会计", "kuai-ji"),
    ("曾经", "ceng-jing"),
    ("着急", "zhao-ji"),
    ("大夫", "dai-fu"),
    ("长大", "zhang-da"),
    ("成长", "cheng-zhang"),
    ("校长", "xiao-zhang"),
    ("长城", "chang-cheng"),
    ("干净", "gan-jing"),
];

fn story(title: &str, tags: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2026-03-05\ntags: [{tags}]\n---\n正文。\n")
}

#[test]
fn file_names_of_place_names_and_polyphonic_words_become_their_right_pinyin() {
    let files: Vec<(String, String)> = READINGS
        .iter()
        .map(|(text, _)| (format!("content/stories/{text}.md"), story(text, "")))
        .collect();
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(path, body)| (path.as_str(), body.as_str()))
        .collect();
    let site = Site::new(&borrowed);
    site.built();
    let wrong: Vec<String> = READINGS
        .iter()
        .filter(|(_, slug)| !site.has(&format!("stories/{slug}/index.html")))
        .map(|(text, slug)| format!("{text} → stories/{slug}/ missing"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(!site.has("stories/zhang-sha/index.html"));
    assert!(!site.has("stories/sha-men/index.html"));
    assert!(main_of(&site.read("stories/chang-sha/index.html")).contains("长沙"));
}

#[test]
fn tags_of_place_names_and_polyphonic_words_get_their_right_tag_urls() {
    let tags: Vec<&str> = READINGS.iter().map(|(text, _)| *text).collect();
    let site = Site::new(&[(
        "content/stories/a.md",
        &story("志愿服务进社区", &tags.join(", ")),
    )]);
    site.built();
    let page = site.read("stories/a/index.html");
    for (text, slug) in READINGS {
        let path = crate::tag_urls::tag_page(&site, slug);
        let tag = site.read(&path);
        let url = format!("/{}", path.trim_end_matches("index.html"));
        assert!(
            main_of(&tag).contains(text),
            "tags/{slug}/ is the tag {text}"
        );
        assert!(
            page.contains(&format!("href=\"{url}\"")),
            "the story links the tag {text} as {url}"
        );
    }
    let wrong = std::fs::read_dir(site.out().join("tags"))
        .expect("a tags folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|name| name.starts_with("zhong-yang-jie"));
    assert_eq!(wrong, None);
}

#[test]
fn longer_titles_read_each_word_in_context() {
    let site = Site::new(&[
        (
            "content/stories/重阳节走进长者之家.md",
            &story("重阳节走进长者之家", "家长期望, 曾小燕"),
        ),
        (
            "content/reports/长沙银行志愿服务队.md",
            "---\ntitle: 长沙银行志愿服务队\ndate: 2026-03-05\n---\n正文。\n",
        ),
    ]);
    site.built();
    assert!(site.has("stories/chong-yang-jie-zou-jin-zhang-zhe-zhi-jia/index.html"));
    assert!(site.has("reports/chang-sha-yin-hang-zhi-yuan-fu-wu-dui/index.html"));
    assert!(
        site.has("tags/jia-zhang-qi-wang-9e5b49/index.html"),
        "家长 + 期望"
    );
    assert!(
        site.has("tags/zeng-xiao-yan-18f1f3/index.html"),
        "曾 as a surname"
    );
}

#[test]
fn a_slug_in_front_matter_still_wins_over_the_pinyin() {
    let site = Site::new(&[(
        "content/stories/长沙.md",
        "---\ntitle: 长沙\ndate: 2026-03-05\nslug: changsha\n---\n正文。\n",
    )]);
    site.built();
    assert!(site.has("stories/changsha/index.html"));
    assert!(!site.has("stories/chang-sha/index.html"));
}

#[test]
fn new_names_the_file_by_the_titles_right_pinyin() {
    let site = Site::new(&[]);
    let root = site.root().to_str().expect("a UTF-8 temporary path");
    site.run(&["new", "story", "重庆银行志愿者走进厦门社区", "--root", root])
        .success();
    assert!(site
        .root()
        .join("content/stories/chong-qing-yin-hang-zhi-yuan-zhe-zou-jin-xia-men-she-qu.md")
        .is_file());
}

#[test]
fn u_umlaut_becomes_v_so_the_name_still_makes_a_slug() {
    let site = Site::new(&[(
        "content/stories/妇女之家.md",
        &story("妇女之家", "绿色出行"),
    )]);
    site.built();
    assert!(site.has("stories/fu-nv-zhi-jia/index.html"));
    assert!(site.has("tags/lv-se-chu-xing-113468/index.html"));
}
