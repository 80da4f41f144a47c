//! Patients: the lookup, the record and the registration form.

pub mod form;
pub mod keys;
pub mod lookup;
pub mod record;
pub mod strings;
