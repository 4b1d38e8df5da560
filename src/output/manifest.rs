//! What a build knows of the files it wrote: each one's stamp (size,
//! modification and change times, inode) and a digest of its bytes, kept
//! in the cache folder for the output (`files-<key>`) and, once a swap
//! has made that output the next build's staging folder, for that folder
//! (`output-<key>.files`). A rebuild into the staging folder then tells a
//! page it would write again unchanged by its digest and one `stat` of
//! the file, without reading it: on tmpfs, reading and comparing every
//! page cost more than writing them all. A file whose stamp differs from
//! the one recorded (touched since, or not what the record says) is
//! compared by its bytes, as without a record.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::freshness::FileStamp;

/// The first line of a record: its format and the program that wrote it
/// (the digests are the program's own).
fn header() -> String {
    format!("redvest files 1 {}\n", env!("CARGO_PKG_VERSION"))
}

/// A digest of a file's bytes: XXH3's 128 bits. Not made against
/// forgery (a page's bytes are the build's own), but eight times as fast
/// as BLAKE3 here: 0.3 % of the CPU of a rebuild of 10,000 pages, against
/// 2.5 % (`perf record`).
pub(super) type Digest = u128;

/// The digest of `bytes`.
pub(super) fn digest(bytes: &[u8]) -> Digest {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The files of one folder as a build recorded them, by path below it.
#[derive(Debug, Default)]
pub(super) struct Known(HashMap<String, (FileStamp, Digest)>);

impl Known {
    /// The record at `path`; none when there is none or it cannot be read
    /// whole (a record is a shortcut, never needed).
    pub(super) fn read(path: &Path) -> Known {
        let Ok(text) = fs::read_to_string(path) else {
            return Known::default();
        };
        let Some(lines) = text.strip_prefix(&header()) else {
            return Known::default();
        };
        let files: Option<HashMap<String, (FileStamp, Digest)>> = lines
            .lines()
            .map(|line| {
                let entry = parse_line(line)?;
                Some((entry.0.path.clone(), entry))
            })
            .collect();
        Known(files.unwrap_or_default())
    }

    /// The metadata of the file at `target`, whose path below the folder is
    /// `path`, when the record says it holds bytes of digest `digest` and
    /// length `len` and the file is still as recorded.
    pub(super) fn unchanged(
        &self,
        path: &str,
        target: &Path,
        len: usize,
        digest: Digest,
    ) -> Option<fs::Metadata> {
        let (stamp, recorded) = self.0.get(path)?;
        if *recorded != digest || stamp.len != len as u64 {
            return None;
        }
        let meta = fs::symlink_metadata(target).ok()?;
        let now = FileStamp::of(String::new(), &meta);
        let same = meta.is_file()
            && now.len == stamp.len
            && now.modified == stamp.modified
            && now.changed == stamp.changed;
        same.then_some(meta)
    }
}

/// One line of a record: digest, size, modification time, change time,
/// inode (numbers in hexadecimal or decimal as written) and the path,
/// last, which may hold spaces.
fn parse_line(line: &str) -> Option<(FileStamp, Digest)> {
    let mut parts = line.splitn(6, ' ');
    let digest = Digest::from_str_radix(parts.next()?, 16).ok()?;
    let len = parts.next()?.parse().ok()?;
    let modified = parts.next()?.parse().ok()?;
    let changed = parts.next()?.parse().ok()?;
    let inode = parts.next()?.parse().ok()?;
    let path = parts.next()?.to_string();
    let stamp = FileStamp {
        path,
        len,
        modified,
        changed: (changed, inode),
    };
    Some((stamp, digest))
}

/// Writes the record of `files` at `path`, replacing any: written beside
/// and renamed, so that a record is whole or absent. Paths with a line
/// break are left out.
pub(super) fn write<'a>(
    path: &Path,
    files: impl Iterator<Item = (&'a FileStamp, Digest)>,
) -> std::io::Result<()> {
    let mut out = Vec::new();
    out.extend_from_slice(header().as_bytes());
    for (stamp, digest) in files.filter(|(s, _)| !s.path.contains(['\n', '\r'])) {
        let (changed, inode) = stamp.changed;
        writeln!(
            out,
            "{digest:032x} {} {} {changed} {inode} {}",
            stamp.len, stamp.modified, stamp.path
        )?;
    }
    let partial = path.with_extension("partial");
    fs::write(&partial, out)?;
    fs::rename(&partial, path)
}

/// Moves the record at `from` to `to` (the output's record, once its
/// folder is the staging folder); removes the one at `to` when there is
/// none to move.
pub(super) fn carry(from: &Path, to: &Path) {
    // A record left behind is only a shortcut lost: each entry is checked
    // against the file's stamp before it is trusted.
    if fs::rename(from, to).is_err() {
        let _ = fs::remove_file(to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_and_trusts_only_files_as_recorded() {
        let dir = std::env::temp_dir().join(format!("redvest-manifest-{}", std::process::id()));
        fs::create_dir_all(dir.join("a b")).unwrap();
        let page = dir.join("a b/index.html");
        fs::write(&page, b"<p>one</p>").unwrap();
        let stamp = FileStamp::of("a b/index.html".into(), &fs::metadata(&page).unwrap());
        let record = dir.join("files-x");
        write(&record, [(&stamp, digest(b"<p>one</p>"))].into_iter()).unwrap();
        let known = Known::read(&record);
        let d = digest(b"<p>one</p>");
        assert!(known.unchanged("a b/index.html", &page, 10, d).is_some());
        // Other bytes, another path, or the file touched since: not trusted.
        assert!(known
            .unchanged("a b/index.html", &page, 10, digest(b"<p>two</p>"))
            .is_none());
        assert!(known.unchanged("other.html", &page, 10, d).is_none());
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&page, b"<p>one</p>").unwrap();
        assert!(known.unchanged("a b/index.html", &page, 10, d).is_none());
        // A record of another version or cut short is no record.
        fs::write(&record, "redvest files 0\n").unwrap();
        assert!(Known::read(&record).0.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }
}
