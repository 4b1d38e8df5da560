//! Messages of `serve` and `watch`: the dev server's terminal lines, the
//! answers and error page it gives the browser, and the watcher's errors,
//! in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// The listening socket's address could not be read.
    bound_address_unreadable(err) {
        en: "could not read the bound address: {err}",
        zh: "无法读取正在监听的地址：{err}",
    }
    /// The HTTP server could not start.
    server_failed(err) {
        en: "could not start the server: {err}",
        zh: "无法启动预览服务器：{err}",
    }
    /// The server is up.
    serving(url) {
        en: "serving the site at {url} (Ctrl-C to stop)",
        zh: "正在本机预览网站：{url}（按 Ctrl-C 停止）",
    }
    /// The server listens on an address other machines reach.
    reachable(ip) {
        en: "listening on {ip}, which other machines can reach",
        zh: "正在监听 {ip}，其他电脑也能访问这个预览",
    }
    /// The port is taken.
    port_in_use(port, ip) {
        en: "port {port} on {ip} is already in use",
        zh: "{ip} 上的端口 {port} 已被占用",
    }
    /// Hint under [`port_in_use`] with a free port.
    port_in_use_try(port) {
        en: "another program uses it; try --port {port}",
        zh: "另一个程序正在使用它，请试试 --port {port}",
    }
    /// Hint under [`port_in_use`] without a free port.
    port_in_use_choose() {
        en: "another program uses it; choose another with --port",
        zh: "另一个程序正在使用它，请用 --port 换一个端口",
    }
    /// Listening failed for another reason.
    cannot_listen(ip, port, err) {
        en: "could not listen on {ip}:{port}: {err}",
        zh: "无法在 {ip}:{port} 上监听：{err}",
    }
    /// Hint under [`cannot_listen`].
    cannot_listen_hint() {
        en: "use a local address such as --bind 127.0.0.1 and a port above 1024",
        zh: "请使用本机地址（例如 --bind 127.0.0.1）和大于 1024 的端口",
    }
    /// The first build failed; the server runs anyway.
    first_build_failed() {
        en: "the site has errors; the browser shows them until they are fixed",
        zh: "网站有错误；改正之前，浏览器里会一直显示这些错误",
    }
    /// A rebuild after an edit succeeded.
    rebuilt(paths, ms) {
        en: "rebuilt after a change to {paths} in {ms} ms",
        zh: "{paths} 有改动，已重新生成，用时 {ms} 毫秒",
    }
    /// A rebuild after an edit failed.
    rebuild_failed(paths) {
        en: "the change to {paths} left the site with errors; the browser shows them until they are fixed",
        zh: "{paths} 改动后网站有错误；改正之前，浏览器里会一直显示这些错误",
    }
    /// The changed files beyond those named.
    more_files(n) {
        en: "{n} more",
        zh: "另外 {n} 个文件",
    }
    /// Separator between changed files.
    file_separator() {
        en: ", ",
        zh: "、",
    }
    /// Browser: a method other than GET or HEAD.
    http_method_not_allowed() {
        en: "only GET and HEAD",
        zh: "只支持 GET 和 HEAD 请求",
    }
    /// Browser: a path that could leave the site.
    http_forbidden() {
        en: "forbidden",
        zh: "禁止访问",
    }
    /// Browser: too many requests at once.
    http_busy() {
        en: "busy",
        zh: "服务器正忙，请稍后刷新",
    }
    /// Browser: a folder asked for without its `/`.
    http_moved() {
        en: "moved",
        zh: "已移动",
    }
    /// Browser: no such file.
    http_not_found() {
        en: "not found",
        zh: "找不到这个文件",
    }
    /// Browser: a file other than a page while the site has errors.
    http_site_has_errors() {
        en: "the site has errors; see the terminal",
        zh: "网站有错误，请查看命令行窗口",
    }
    /// Browser: the error page's title.
    error_page_title() {
        en: "Build error",
        zh: "生成出错",
    }
    /// Browser: the error page's heading.
    error_page_heading(n) {
        en: "The site has errors ({n})",
        zh: "网站有 {n} 处错误",
    }
    /// Browser: what to do on the error page.
    error_page_advice() {
        en: "Fix them and save: this page reloads by itself.",
        zh: "请按下面的说明改正，保存后这个页面会自动刷新。",
    }
    /// Action: opening the site folder to watch it.
    action_open_site_folder() {
        en: "open the site folder",
        zh: "打开站点文件夹",
    }
    /// The watcher could not start.
    watch_failed(err) {
        en: "could not watch the site for changes: {err}",
        zh: "无法监视站点文件的改动：{err}",
    }
    /// A folder could not be watched.
    watch_folder_failed(path, err) {
        en: "could not watch {path}: {err}",
        zh: "无法监视“{path}”的改动：{err}",
    }
    /// Hint under the watcher's errors.
    watch_hint() {
        en: "the system may limit how many folders one program watches (on Linux raise fs.inotify.max_user_watches); `redvest build` still works",
        zh: "系统可能限制了一个程序能监视的文件夹数量（Linux 上可调大 fs.inotify.max_user_watches）；“redvest build”仍然可以使用",
    }
    // live reload
    /// Browser: an event stream refused because too many are open.
    live_reload_full(max) {
        en: "too many pages are open for live reload (at most {max}): close some browser tabs, then reload this page.",
        zh: "同时打开、等待自动刷新的页面太多（最多 {max} 个）：请关掉一些浏览器标签页，再刷新这个页面。",
    }
    /// Terminal: the first event stream refused since there was room.
    live_reload_full_warning(max) {
        en: "{max} pages already wait for live reload: pages opened now are shown but do not reload by themselves until some are closed",
        zh: "已有 {max} 个页面在等待自动刷新：之后打开的页面照常显示，但不会自动刷新，关掉一些页面后恢复",
    }
}
