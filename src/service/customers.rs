//! Customers: everything one person said, across channels, found by any of their keys.

use serde::Serialize;

use super::{Hub, Result, ServiceError};
use crate::domain::{Contact, Customer, Feedback};

/// One customer with their words, oldest first, and how many records each channel holds.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerPage {
    pub customer: Customer,
    pub channels: Vec<(String, usize)>,
    pub records: Vec<Feedback>,
}

impl Hub {
    /// Customers known by `query`: an email, a phone number, a handle (`@name`, `weibo:123`), a CRM id
    /// (`zendesk:361001`, or the id alone), or vochub's own customer number.
    pub fn customers(&self, query: &str) -> Result<Vec<CustomerPage>> {
        let mut pages = Vec::new();
        for id in self.customer_ids(query, true)? {
            let Some(customer) = self.store.customer(id)? else {
                continue;
            };
            let records = self.store.records_of_customer(id)?;
            let mut channels: Vec<(String, usize)> = Vec::new();
            for r in &records {
                match channels.iter_mut().find(|(s, _)| *s == r.source) {
                    Some((_, n)) => *n += 1,
                    None => channels.push((r.source.clone(), 1)),
                }
            }
            pages.push(CustomerPage {
                customer,
                channels,
                records,
            });
        }
        if pages.is_empty() {
            return Err(ServiceError::NoSuchCustomer(query.to_string()));
        }
        Ok(pages)
    }

    /// The numbers of the records of the customers `query` names, for `customer:` in a query.
    /// A bare number is not taken as vochub's customer number there: while a phone number is
    /// being typed, its first digits would name some other customer.
    pub(super) fn customer_record_ids(&self, query: &str) -> Result<Vec<i64>> {
        let mut ids = Vec::new();
        for customer in self.customer_ids(query, false)? {
            ids.extend(self.store.record_ids_of_customer(customer)?);
        }
        Ok(ids)
    }

    /// Customers known by `query` (see `customers`); `by_number` also tries it as vochub's own
    /// customer number when no key matches.
    fn customer_ids(&self, query: &str, by_number: bool) -> Result<Vec<i64>> {
        let q = query.trim().trim_start_matches('@');
        let as_contact = |c: Contact| c.keys().next();
        let mut ids = Vec::new();
        let email = as_contact(Contact {
            email: Some(q.to_string()),
            ..Contact::default()
        });
        let phone = as_contact(Contact {
            phone: Some(q.to_string()),
            ..Contact::default()
        })
        .filter(|_| q.chars().all(|c| c.is_ascii_digit() || "+-() ".contains(c)));
        for (kind, value) in email.into_iter().chain(phone) {
            ids.extend(self.store.find_customers(Some(kind), &value)?);
        }
        if ids.is_empty() {
            // Handles are stored lower-cased; CRM ids (Salesforce's) are case-sensitive.
            ids.extend(self.store.find_customers(None, &q.to_lowercase())?);
            ids.extend(self.store.find_customers(None, q)?);
        }
        if by_number
            && ids.is_empty()
            && let Ok(n) = q.trim_start_matches('#').parse::<i64>()
        {
            ids.push(n);
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }
}
