//! The command line's commands by group and the texts they print; the
//! argument definitions and the dispatch stay in `main.rs`.

pub mod archive;
pub mod files;
#[rustfmt::skip]
pub mod texts;
