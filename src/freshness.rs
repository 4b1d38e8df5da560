//! Whether the output is already what a build would write: a fingerprint of
//! every input (names, sizes, modification and change times and inodes of
//! the site's files, as git records them, and the contents of any file
//! changed within [`RACY`] of the fingerprint, which a coarse clock could
//! hide; `site.yaml`, the build switches and the redvest binary itself) and the
//! time until which the build date changes nothing (the next scheduled
//! item, the next campaign start or end, the new year). A build that finds
//! them unchanged and still
//! valid, and the output as that build left it, leaves the output as it
//! is. This module computes the fingerprints and says what a stamp holds;
//! `output` keeps the stamp (in the site's cache folder) and fingerprints
//! the output it writes.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::date::DateTime;

/// The first line of the stamp file.
const HEADER: &str = "redvest build stamp 2";

/// How close to the fingerprint's taking a file may have changed for its
/// times to prove nothing: a coarse clock (2 s on FAT) gives an edit made
/// just after the fingerprint the times of the one before, so such a
/// file's contents are fingerprinted too.
const RACY: Duration = Duration::from_secs(3);

/// What the marker remembers of the build that wrote the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The inputs' fingerprint.
    pub inputs: u64,
    /// The output's fingerprint, as the build left it.
    pub output: u64,
    /// The build time, as seconds since 1970.
    pub built: i64,
    /// Until when (seconds since 1970, exclusive) that build's output stays right.
    pub until: Option<i64>,
}

impl Stamp {
    /// The marker file's text.
    pub fn to_marker(&self) -> String {
        let until = self
            .until
            .map_or_else(|| "never".to_string(), |u| u.to_string());
        format!(
            "{HEADER}\ninputs {:016x}\noutput {:016x}\nbuilt {}\nuntil {until}\n",
            self.inputs, self.output, self.built
        )
    }

    /// Reads a marker file's text; `None` for an older or foreign marker.
    pub fn from_marker(text: &str) -> Option<Stamp> {
        if text.lines().next() != Some(HEADER) {
            return None;
        }
        let mut inputs = None;
        let mut output = None;
        let mut built = None;
        let mut until = None;
        for line in text.lines().skip(1) {
            let (key, value) = line.split_once(' ')?;
            match key {
                "inputs" => inputs = u64::from_str_radix(value, 16).ok(),
                "output" => output = u64::from_str_radix(value, 16).ok(),
                "built" => built = value.parse().ok(),
                "until" => {
                    until = Some(if value == "never" {
                        None
                    } else {
                        Some(value.parse().ok()?)
                    })
                }
                _ => return None,
            }
        }
        Some(Stamp {
            inputs: inputs?,
            output: output?,
            built: built?,
            until: until?,
        })
    }

    /// Whether output written under this stamp, and found as `output`, is
    /// still right for `inputs` at `now`.
    pub fn holds(&self, inputs: u64, output: u64, now: DateTime) -> bool {
        let now = now.unix();
        self.inputs == inputs
            && self.output == output
            && now >= self.built
            && self.until.is_none_or(|until| now < until)
    }
}

/// A fingerprint of everything a build reads: the site's files (by name,
/// size and modification time), the switches that change the output, and
/// the program. `None` when the theme prints the build time itself, so
/// every build differs.
pub fn fingerprint(config: &Config, switches: &impl Hash) -> Option<u64> {
    let racy_after = SystemTime::now().checked_sub(RACY).unwrap_or(UNIX_EPOCH);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    if let Some(exe) = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
    {
        stamp_of(&exe).hash(&mut hasher);
    }
    let racy = Racy(racy_after);
    switches.hash(&mut hasher);
    let root = &config.root;
    let theme = Path::new("themes").join(&config.theme);
    std::fs::read(root.join(crate::config::CONFIG_FILE))
        .ok()
        .hash(&mut hasher);
    for dir in [
        Path::new("content"),
        Path::new("static"),
        Path::new("templates"),
        theme.as_path(),
    ] {
        let dir = root.join(dir);
        dir.exists().hash(&mut hasher);
        if !dir.exists() {
            continue;
        }
        match tree_print(&dir, racy) {
            Tree::Print(print) => {
                print.hash(&mut hasher);
                continue;
            }
            Tree::Unusable => return None,
            Tree::HasLinks => {}
        }
        // Symbolic links: walked one by one, following them, with loops
        // found by walkdir.
        for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
            let Ok(entry) = entry else {
                // An unreadable tree is never taken as unchanged.
                return None;
            };
            entry.path().strip_prefix(root).ok().hash(&mut hasher);
            let Ok(meta) = entry.metadata() else {
                return None;
            };
            stamp_of(&meta).hash(&mut hasher);
            if meta.is_file() && prints_build_time(entry.path()) {
                return None;
            }
            if meta.is_file() {
                racy.contents(entry.path(), &meta)?.hash(&mut hasher);
            }
        }
    }
    Some(hasher.finish())
}

/// What [`tree_print`] found.
enum Tree {
    /// The fingerprint of a tree without symbolic links.
    Print(u64),
    /// A symbolic link somewhere: the caller walks it following links.
    HasLinks,
    /// Unreadable, or a template that prints the build time.
    Unusable,
}

/// A fingerprint of the folder `dir` (names, sizes and times, name by name),
/// its entries read in parallel: a big site has many thousand sources.
fn tree_print(dir: &Path, racy: Racy) -> Tree {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Tree::Unusable;
    };
    let Ok(mut entries) = read.collect::<Result<Vec<_>, _>>() else {
        return Tree::Unusable;
    };
    entries.sort_by_key(std::fs::DirEntry::file_name);
    let prints: Vec<Tree> = entries
        .par_iter()
        .map(|entry| {
            let Ok(kind) = entry.file_type() else {
                return Tree::Unusable;
            };
            if kind.is_symlink() {
                return Tree::HasLinks;
            }
            let Ok(meta) = entry.metadata() else {
                return Tree::Unusable;
            };
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            (entry.file_name(), stamp_of(&meta)).hash(&mut hasher);
            if kind.is_dir() {
                match tree_print(&entry.path(), racy) {
                    Tree::Print(print) => print.hash(&mut hasher),
                    other => return other,
                }
            } else if prints_build_time(&entry.path()) {
                return Tree::Unusable;
            } else {
                match racy.contents(&entry.path(), &meta) {
                    Some(contents) => contents.hash(&mut hasher),
                    None => return Tree::Unusable,
                }
            }
            Tree::Print(hasher.finish())
        })
        .collect();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut links = false;
    for print in prints {
        match print {
            Tree::Print(print) => print.hash(&mut hasher),
            Tree::HasLinks => links = true,
            Tree::Unusable => return Tree::Unusable,
        }
    }
    if links {
        Tree::HasLinks
    } else {
        Tree::Print(hasher.finish())
    }
}

/// The moment after which a file's times prove nothing (see [`RACY`]).
#[derive(Debug, Clone, Copy)]
struct Racy(SystemTime);

impl Racy {
    /// A fingerprint of the contents of the file at `path` if it changed
    /// too recently for its times to be trusted, `Some(None)` if not, and
    /// `None` if it cannot be read.
    fn contents(self, path: &Path, meta: &std::fs::Metadata) -> Option<Option<u64>> {
        let changed = [meta.modified().ok(), changed(meta)];
        if !changed.iter().flatten().any(|t| *t >= self.0) {
            return Some(None);
        }
        let bytes = std::fs::read(path).ok()?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        Some(Some(hasher.finish()))
    }
}

/// The file's change time (ctime), which no tool can set back.
#[cfg(unix)]
fn changed(meta: &std::fs::Metadata) -> Option<SystemTime> {
    use std::os::unix::fs::MetadataExt;
    let secs = u64::try_from(meta.ctime()).ok()?;
    let nanos = u64::try_from(meta.ctime_nsec()).ok()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(secs) + Duration::from_nanos(nanos))
}

/// The file's change time, where the system has one.
#[cfg(not(unix))]
fn changed(_meta: &std::fs::Metadata) -> Option<SystemTime> {
    None
}

/// What a file's metadata says of its contents: size, modification and
/// change times, device and inode (a file replaced has a new inode, a file
/// edited a new change time, whatever its modification time says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct MetaPrint {
    len: u64,
    modified: u128,
    changed: u128,
    device: u64,
    inode: u64,
    is_dir: bool,
}

fn stamp_of(meta: &std::fs::Metadata) -> MetaPrint {
    let nanos = |t: Option<SystemTime>| {
        t.and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos())
    };
    let (device, inode) = file_id(meta);
    MetaPrint {
        len: meta.len(),
        modified: nanos(meta.modified().ok()),
        changed: nanos(changed(meta)),
        device,
        inode,
        is_dir: meta.is_dir(),
    }
}

/// The file's device and inode numbers.
#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// The file's device and inode numbers, where the system has them.
#[cfg(not(unix))]
fn file_id(_meta: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Whether a template prints the exact build time (`build.date`).
fn prints_build_time(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html" || e == "xml")
        && path.components().any(|c| c.as_os_str() == "templates")
        && std::fs::read_to_string(path).is_ok_and(|t| t.contains("build.date"))
}

/// One file of the output as the stamp remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    /// Path below the output, with `/` separators.
    pub path: String,
    /// Size in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since 1970.
    pub modified: u128,
    /// Change time, nanoseconds since 1970, and inode: an edit by hand
    /// that puts the size and modification time back still changes them.
    pub changed: (u128, u64),
}

impl FileStamp {
    /// The stamp of the file at `path` with metadata `meta`.
    pub fn of(path: String, meta: &std::fs::Metadata) -> FileStamp {
        let print = stamp_of(meta);
        FileStamp {
            path,
            len: print.len,
            modified: print.modified,
            changed: (print.changed, print.inode),
        }
    }
}

/// A fingerprint of an output made of `files`: every file's path, size and
/// modification time, in path order, so a file added,
/// removed or edited by hand makes the next build write the output again.
/// A build computes it from the files it wrote; the next build, from the
/// output as it finds it ([`output_fingerprint`]).
pub fn files_fingerprint(mut files: Vec<FileStamp>) -> u64 {
    // Any fixed order does: both sides sort the same (unique) paths.
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for file in &files {
        (&file.path, file.len, file.modified, file.changed).hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_round_trip_through_their_file() {
        let stamp = Stamp {
            inputs: 0xabc,
            output: 7,
            built: 100,
            until: Some(200),
        };
        assert_eq!(Stamp::from_marker(&stamp.to_marker()), Some(stamp.clone()));
        let forever = Stamp {
            until: None,
            ..stamp
        };
        assert_eq!(Stamp::from_marker(&forever.to_marker()), Some(forever));
        assert_eq!(Stamp::from_marker(HEADER), None);
        assert_eq!(Stamp::from_marker("something else\ninputs 1\n"), None);
    }

    #[test]
    fn a_stamp_holds_only_for_the_same_inputs_and_output_within_its_time() {
        let zone = crate::date::parse_offset("+08:00").expect("offset");
        let at = |secs| DateTime::from_unix(secs, zone).expect("time");
        let stamp = Stamp {
            inputs: 1,
            output: 5,
            built: 100,
            until: Some(200),
        };
        assert!(stamp.holds(1, 5, at(150)));
        assert!(!stamp.holds(2, 5, at(150)));
        assert!(!stamp.holds(1, 6, at(150)));
        assert!(!stamp.holds(1, 5, at(200)));
        assert!(!stamp.holds(1, 5, at(99)));
    }
}
