//! Watches a site's sources for the dev server and turns the file system's
//! events into a few debounced changes of a known kind, coping with the way
//! editors save (a temporary file renamed over the original, several events
//! a save, files deleted and made again, new folders).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::error::Error;
use crate::i18n::catalogue::serve as msg;
use crate::source::is_ignored;

/// What kind of source changed; decides what the server rebuilds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A file under `content/`.
    Content,
    /// A file under `static/` (served from disk: no rebuild).
    Static,
    /// A stylesheet under `static/` or a theme's `static/` (reloaded in place).
    Style,
    /// A template, in `templates/` or a theme.
    Templates,
    /// Anything else in a theme (strings, static files).
    Theme,
    /// `site.yaml`.
    Config,
}

/// The changes of one burst of events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// The kinds of what changed.
    pub kinds: BTreeSet<ChangeKind>,
    /// The paths that changed, relative to the site root.
    pub paths: BTreeSet<PathBuf>,
}

impl Changes {
    /// Whether anything needs a new build (not only static files).
    pub fn needs_build(&self) -> bool {
        self.kinds
            .iter()
            .any(|k| !matches!(k, ChangeKind::Static | ChangeKind::Style))
    }

    /// Whether only stylesheets changed.
    pub fn only_styles(&self) -> bool {
        !self.kinds.is_empty() && self.kinds.iter().all(|k| *k == ChangeKind::Style)
    }
}

/// A running watch on a site.
pub struct SiteWatcher {
    root: PathBuf,
    events: Receiver<notify::Result<notify::Event>>,
    watcher: RecommendedWatcher,
}

/// The folders below the site root that hold sources.
const SOURCE_FOLDERS: [&str; 4] = ["content", "static", "templates", "themes"];

/// The quiet time that ends a burst of events.
const SETTLE: Duration = Duration::from_millis(12);
/// The longest a burst may be held back.
const MAX_WAIT: Duration = Duration::from_millis(400);

impl SiteWatcher {
    /// Starts watching `site.yaml`, `content/`, `static/`, `templates/` and `themes/`.
    pub fn start(root: &Path) -> Result<SiteWatcher, Error> {
        let root = root
            .canonicalize()
            .map_err(|e| Error::io(root, msg::action_open_site_folder(), e))?;
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })
        .map_err(|e| Error::site(None, msg::watch_failed(e)).with_hint(msg::watch_hint()))?;
        // The root itself, not recursively: it sees site.yaml saved by
        // rename and source folders made after the server started, without
        // watching the output or anything else that lives beside the site.
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| {
                Error::site(None, msg::watch_folder_failed(root.display(), e))
                    .with_hint(msg::watch_hint())
            })?;
        let mut watch = SiteWatcher {
            root,
            events,
            watcher,
        };
        for folder in SOURCE_FOLDERS {
            watch.watch_folder(folder);
        }
        Ok(watch)
    }

    /// Watches a source folder recursively, if it exists.
    fn watch_folder(&mut self, folder: &str) {
        let dir = self.root.join(folder);
        if dir.is_dir() {
            let _ = self.watcher.watch(&dir, RecursiveMode::Recursive);
        }
    }

    /// Waits for the next burst of relevant changes; `None` when the watch ended.
    pub fn wait(&mut self) -> Option<Changes> {
        loop {
            let first = self.events.recv().ok()?;
            let mut changes = Changes::default();
            self.add(first, &mut changes);
            let started = Instant::now();
            loop {
                let left = MAX_WAIT.saturating_sub(started.elapsed());
                match self.events.recv_timeout(SETTLE.min(left)) {
                    Ok(event) => self.add(event, &mut changes),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
                if left.is_zero() {
                    break;
                }
            }
            if !changes.kinds.is_empty() {
                return Some(changes);
            }
        }
    }

    fn add(&mut self, event: notify::Result<notify::Event>, changes: &mut Changes) {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        for path in event.paths {
            let Ok(rel) = path.strip_prefix(&self.root) else {
                continue;
            };
            if let Some(folder) = SOURCE_FOLDERS.iter().find(|f| rel == Path::new(f)) {
                self.watch_folder(folder);
            }
            if let Some(kind) = classify(rel) {
                changes.kinds.insert(kind);
                changes.paths.insert(rel.to_path_buf());
            }
        }
    }
}

/// What kind of source a path below the site root is, if any.
pub fn classify(rel: &Path) -> Option<ChangeKind> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    if parts.iter().any(|p| is_ignored(p)) {
        return None;
    }
    let is_css = rel.extension().is_some_and(|e| e == "css");
    match parts.as_slice() {
        ["site.yaml"] => Some(ChangeKind::Config),
        ["content", ..] => Some(ChangeKind::Content),
        ["static", ..] if is_css => Some(ChangeKind::Style),
        ["static", ..] => Some(ChangeKind::Static),
        ["templates", ..] => Some(ChangeKind::Templates),
        ["themes", _, "templates", ..] => Some(ChangeKind::Templates),
        ["themes", _, "static", ..] if is_css => Some(ChangeKind::Style),
        ["themes", ..] => Some(ChangeKind::Theme),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified_by_folder() {
        assert_eq!(classify(Path::new("site.yaml")), Some(ChangeKind::Config));
        assert_eq!(
            classify(Path::new("content/stories/a.md")),
            Some(ChangeKind::Content)
        );
        assert_eq!(
            classify(Path::new("static/css/a.css")),
            Some(ChangeKind::Style)
        );
        assert_eq!(
            classify(Path::new("themes/default/templates/page.html")),
            Some(ChangeKind::Templates)
        );
        assert_eq!(classify(Path::new("content/stories/.a.md.swp")), None);
        assert_eq!(classify(Path::new("content/stories/a.md~")), None);
        assert_eq!(classify(Path::new("public/index.html")), None);
        assert_eq!(classify(Path::new("target/x")), None);
    }
}
