//! Messages of `cli`, in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {}
