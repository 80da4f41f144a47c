//! Pure types and rules: no I/O, no terminal, no storage engine.

pub mod sex;
pub mod text;

pub use sex::Sex;
