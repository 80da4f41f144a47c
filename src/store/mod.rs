//! The only code that sees sled and bincode.
