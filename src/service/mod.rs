//! Use cases: the `Desk` facade.
