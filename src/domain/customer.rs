//! A customer: one person as the hub knows them across channels.

use serde::Serialize;

/// Keys are `(kind, value)`: kind is `email`, `phone`, `handle` (`weibo:1876543210`) or `crm`
/// (`zendesk:361001`), value normalised as [`super::Contact::keys`] does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: i64,
    pub name: Option<String>,
    pub keys: Vec<(String, String)>,
}
