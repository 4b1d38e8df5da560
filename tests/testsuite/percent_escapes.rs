//! Percent escapes in request paths: `%` and two hex digits, nothing else
//! (`%+1` has a sign, not a hex digit, so it is no escape and the request
//! is malformed).

use crate::fixture::Site;
use crate::serve::Server;

#[test]
fn a_signed_escape_is_not_an_escape_in_a_request_path() {
    let site = Site::new(&[
        (
            "content/stories/a.md",
            "---\ntitle: 好人好事\ndate: 2023-03-05\n---\n正文。\n",
        ),
        ("static/a b.txt", "空格"),
    ]);
    let server = Server::start(&site);
    assert_eq!(server.get("/a%20b.txt").text(), "空格");
    assert_eq!(server.get("/%+1.txt").status, 400);
    assert_eq!(server.get("/%-1.txt").status, 400);
    assert_eq!(server.get("/%2").status, 400);
    assert_eq!(server.get("/%E7%A9%BA.txt").status, 404);
}
