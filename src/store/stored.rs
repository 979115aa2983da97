//! A record as the store keeps it: its row id (what the window addresses
//! it by) and its uid (what export and import know it by).

/// One stored record with its two identities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored<T> {
    /// The row id: stable while the record exists, reused by "undo delete".
    pub id: i64,
    /// The identity that travels through CSV export and import.
    pub uid: String,
    pub record: T,
}

/// The rule for uids lives in the domain, where CSV import checks it too.
pub use crate::domain::keyed::valid_uid;
