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

/// Whether `uid` is one the store accepts: 1 to 64 letters, digits, `-`
/// or `_` (the store makes 32 hex digits; other tools may make others).
pub fn valid_uid(uid: &str) -> bool {
    (1..=64).contains(&uid.len())
        && uid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
