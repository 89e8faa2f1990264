//! Telling the company's words from the customers': the values a direction column (`inbound`)
//! takes, the mail addresses a team says are its own (`company_senders` in the config), and its
//! accounts on social platforms and in exports (`company_handles`).
//!
//! vochub keeps what customers said; a reply the company sent, stored beside them, would be
//! searched, counted and quoted as a customer's.

use std::fmt;

use serde::Deserialize;

/// Who a direction column says sent a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Customer,
    Company,
}

// Compared without allocating (ASCII case folded in place): the column is read on every row.
#[rustfmt::skip]
const CUSTOMER: &[&str] = &[
    "true", "t", "yes", "y", "1", "inbound", "in", "incoming", "received", "customer", "user",
    "是", "入", "呼入", "来信", "客户", "用户", "买家",
];
#[rustfmt::skip]
const COMPANY: &[&str] = &[
    "false", "f", "no", "n", "0", "outbound", "out", "outgoing", "sent", "company", "agent", "staff",
    "否", "出", "呼出", "回复", "客服", "商家", "卖家", "官方",
];

/// What the values of a direction column may be, for a reject reason.
pub(crate) const VALUES_HINT: &str = "True/False, yes/no, 1/0, inbound/outbound, in/out, \
    customer/company or agent, 是/否, 客户/客服";

/// The side `value` names; an empty cell is a customer's (an export marks the company's rows), and
/// a value not in either list is `None`, for the caller to reject.
pub(crate) fn side_of(value: &str) -> Option<Side> {
    let v = value.trim();
    if v.is_empty() {
        return Some(Side::Customer);
    }
    let is = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(v));
    if is(CUSTOMER) {
        Some(Side::Customer)
    } else if is(COMPANY) {
        Some(Side::Company)
    } else {
        None
    }
}

/// The mail domains and addresses the company sends from: mail From one of them is the company's,
/// not a customer's. Empty (the default) takes every message as a customer's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Vec<String>")]
pub struct CompanySenders {
    /// Lower-cased domains, each also covering its subdomains (`yunque.com`: `help.yunque.com`).
    domains: Vec<String>,
    /// Lower-cased whole addresses.
    addresses: Vec<String>,
}

/// An entry of `company_senders` that is neither a domain nor an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSender(String);

impl fmt::Display for BadSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "company_senders: '{}' is neither a mail domain (\"yunque.com\") nor an address \
             (\"support@yunque.com\")",
            self.0
        )
    }
}

impl TryFrom<Vec<String>> for CompanySenders {
    type Error = BadSender;

    fn try_from(entries: Vec<String>) -> Result<Self, BadSender> {
        let mut senders = CompanySenders::default();
        let plain = |s: &str| {
            !s.is_empty()
                && !s.starts_with('.')
                && !s.ends_with('.')
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || "<>@,;\"".contains(c))
        };
        for entry in entries {
            let lower = entry.trim().to_lowercase();
            // `@yunque.com` is how some write the domain.
            let e = lower.strip_prefix('@').unwrap_or(&lower);
            match e.split_once('@') {
                None if plain(e) => senders.domains.push(e.to_string()),
                Some((local, domain)) if plain(local) && plain(domain) => {
                    senders.addresses.push(e.to_string())
                }
                _ => return Err(BadSender(entry)),
            }
        }
        Ok(senders)
    }
}

impl CompanySenders {
    /// Whether mail from `address` is the company's own.
    pub(crate) fn sent(&self, address: &str) -> bool {
        let address = address.trim();
        if self
            .addresses
            .iter()
            .any(|a| a.eq_ignore_ascii_case(address))
        {
            return true;
        }
        let Some((_, domain)) = address.rsplit_once('@') else {
            return false;
        };
        self.domains.iter().any(|d| within(domain, d))
    }
}

/// `domain` is `d` or one of its subdomains, ASCII case aside.
fn within(domain: &str, d: &str) -> bool {
    let Some(cut) = domain.len().checked_sub(d.len()) else {
        return false;
    };
    domain
        .get(cut..)
        .is_some_and(|tail| tail.eq_ignore_ascii_case(d))
        && (cut == 0 || domain[..cut].ends_with('.'))
}

/// The company's own accounts, as records name their author: its X handles, its official Weibo
/// or 小红书 accounts, the agents' names an export writes. A record by one of them is the
/// company's post or reply, not a customer's. Empty (the default) takes every author as a
/// customer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Vec<String>")]
pub struct CompanyHandles {
    /// Lower-cased, without a leading `@`.
    handles: Vec<String>,
}

/// An entry of `company_handles` with no name in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadHandle(String);

impl fmt::Display for BadHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "company_handles: '{}' names no account (write the handle, \"@yunque_help\", or the \
             name records give as their author, \"云雀官方客服\")",
            self.0
        )
    }
}

impl TryFrom<Vec<String>> for CompanyHandles {
    type Error = BadHandle;

    fn try_from(entries: Vec<String>) -> Result<Self, BadHandle> {
        let handles = entries
            .into_iter()
            .map(|e| match handle_key(&e) {
                k if k.is_empty() => Err(BadHandle(e)),
                k => Ok(k),
            })
            .collect::<Result<_, _>>()?;
        Ok(CompanyHandles { handles })
    }
}

impl CompanyHandles {
    /// Whether a record by `author` is the company's own.
    pub(crate) fn wrote(&self, author: Option<&str>) -> bool {
        match author {
            Some(a) if !self.handles.is_empty() => self.handles.contains(&handle_key(a)),
            _ => false,
        }
    }
}

/// How a handle is compared: `@Yunque_Help`, `yunque_help` and ` @YUNQUE_HELP ` are one account.
fn handle_key(s: &str) -> String {
    let s = s.trim();
    s.strip_prefix(['@', '＠'])
        .unwrap_or(s)
        .trim()
        .to_lowercase()
}

#[cfg(test)]
#[path = "company_tests.rs"]
mod tests;
