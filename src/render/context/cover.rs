//! The sized copies of a cover, as templates see them (`cover_image` of
//! items, campaigns and columns); `render::photos` makes them.

use serde::Serialize;

/// The cover of a page or card, for templates (docs: `cover_image`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverImage {
    /// URL of the default copy.
    pub src: String,
    /// Width of the default copy (upright).
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// `srcset` of the copies in `src`'s format.
    pub srcset: String,
    /// `srcset` of the WebP copies; empty when there are none beside.
    pub webp_srcset: String,
    /// The small copy cards show.
    pub thumb: Thumb,
}

/// The small copy of a cover, for cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Thumb {
    /// URL of the copy in the photo's format.
    pub src: String,
    /// URL of the WebP copy; empty when there is none beside.
    pub webp: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The image a page is shared with: its cover's default sized copy when
/// the cover is a photo of the site (never the original of megabytes),
/// else the cover as written; `None` for none.
pub fn share_image<'a>(image: Option<&'a CoverImage>, cover: Option<&'a str>) -> Option<&'a str> {
    image
        .map(|image| image.src.as_str())
        .or(cover)
        .filter(|c| !c.is_empty())
}
