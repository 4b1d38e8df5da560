//! Writes an imported article into the site: `content/<section>/<slug>.md`,
//! or a page bundle `content/<section>/<slug>/index.md` with its pictures
//! beside it. Never overwrites: a name already taken (a file, a bundle, or
//! another file of the section with that URL name) gets `-2`, `-3`, ….

use std::collections::BTreeSet;
use std::fs::{self, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::content::slug::Slug;
use crate::error::Error;
use crate::i18n::catalogue::import as msg;

/// A picture to save beside the article.
pub struct PictureFile {
    /// Its file name in the bundle (`image-1.jpg`).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Writes the article under `root` in `content/<section>/`, named from
/// `slug`; returns the path written, relative to `root`.
pub fn write_article(
    root: &Path,
    section: &str,
    slug: &Slug,
    markdown: &str,
    pictures: &[PictureFile],
) -> Result<PathBuf, Error> {
    let folder = Path::new("content").join(section);
    let taken = taken_slugs(&root.join(&folder));
    let free = (1..)
        .map(|n| {
            if n == 1 {
                slug.clone()
            } else {
                slug.numbered(n)
            }
        })
        .find(|s| {
            !taken.contains(s)
                && !root
                    .join(&folder)
                    .join(format!("{}.md", s.as_str()))
                    .exists()
                && !root.join(&folder).join(s.as_str()).exists()
        })
        .unwrap_or_else(|| slug.clone());
    fs::create_dir_all(root.join(&folder)).map_err(|e| Error::io(&folder, msg::writing(), e))?;
    if pictures.is_empty() {
        let rel = folder.join(format!("{}.md", free.as_str()));
        write_new(root, &rel, markdown.as_bytes())?;
        return Ok(rel);
    }
    let bundle = folder.join(free.as_str());
    fs::create_dir(root.join(&bundle)).map_err(|e| Error::io(&bundle, msg::writing(), e))?;
    for picture in pictures {
        write_new(root, &bundle.join(&picture.name), &picture.bytes)?;
    }
    let rel = bundle.join("index.md");
    write_new(root, &rel, markdown.as_bytes())?;
    Ok(rel)
}

/// The URL names the section's files already have.
fn taken_slugs(folder: &Path) -> BTreeSet<Slug> {
    WalkDir::new(folder)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| Slug::of_file(e.path()))
        .collect()
}

/// Writes a file that must not exist yet.
fn write_new(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(root.join(rel))
        .map_err(|e| Error::io(rel, msg::writing(), e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io(rel, msg::writing(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_a_number() {
        let dir = tempfile::tempdir().expect("a temp folder");
        let slug = Slug::parse("lei-feng").expect("a slug");
        let first = write_article(dir.path(), "reports", &slug, "a", &[]).expect("written");
        let second = write_article(dir.path(), "reports", &slug, "b", &[]).expect("written");
        assert_eq!(first, Path::new("content/reports/lei-feng.md"));
        assert_eq!(second, Path::new("content/reports/lei-feng-2.md"));
        let pics = [PictureFile {
            name: "image-1.png".into(),
            bytes: vec![1],
        }];
        let third = write_article(dir.path(), "reports", &slug, "c", &pics).expect("written");
        assert_eq!(third, Path::new("content/reports/lei-feng-3/index.md"));
        assert_eq!(
            fs::read_to_string(dir.path().join(first)).expect("read"),
            "a"
        );
    }
}
