//! Customers through the command line: one person's words from tickets, mail, CRM and social posts come
//! together under any of their keys.

use std::path::Path;

use serde_json::Value;

mod common;
use common::{json_out, sample, vochub};

fn customer(data: &Path, who: &str) -> Value {
    json_out(vochub(data).args(["customer", who, "--json"]))
}

fn sources(page: &Value) -> Vec<String> {
    let mut s: Vec<String> = page["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect();
    s.sort();
    s.dedup();
    s
}

#[test]
fn one_customer_across_channels_by_email_phone_handle_or_crm_id() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        "zendesk_tickets.json",
        "zendesk_export.jsonl",
        "support_inbox.mbox",
        "complaint.eml",
        "freshdesk_tickets.json",
        "salesforce_tasks.csv",
        "social.jsonl",
        "x_mentions.csv",
    ];
    json_out(
        vochub(dir.path())
            .args(["import", "--json"])
            .args(files.iter().map(|f| sample(f))),
    );

    // Zendesk requester and mail sender share an address.
    let pages = customer(dir.path(), "LinXiaoWen@163.com");
    assert_eq!(pages.as_array().unwrap().len(), 1);
    assert_eq!(pages[0]["customer"]["name"], "林晓雯");
    assert_eq!(sources(&pages[0]), ["email", "zendesk"]);
    // The same person by phone (+86 and spaces ignored) and by Zendesk id.
    let by_phone = customer(dir.path(), "138-0013-8000");
    assert_eq!(by_phone[0]["customer"]["id"], pages[0]["customer"]["id"]);
    let by_crm = customer(dir.path(), "zendesk:361001");
    assert_eq!(by_crm[0]["customer"]["id"], pages[0]["customer"]["id"]);

    // A Salesforce contact's email joins Zendesk and a lone .eml.
    let wang = customer(dir.path(), "wangjg@sina.com");
    assert_eq!(sources(&wang[0]), ["email", "salesforce", "zendesk"]);
    let crm_alone = customer(dir.path(), "0035g00000ZqL01AAF");
    assert_eq!(crm_alone[0]["customer"]["id"], wang[0]["customer"]["id"]);

    // Zendesk and Freshdesk tickets by one email are one customer.
    assert_eq!(
        sources(&customer(dir.path(), "chenli@qq.com")[0]),
        ["freshdesk", "zendesk"]
    );

    // An X handle from a crawl and from a mentions export, records oldest first.
    let hazel = customer(dir.path(), "@the_real_hazel");
    let dates: Vec<&str> = hazel[0]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["created_at"].as_str().unwrap())
        .collect();
    // Two comments in the crawl, one mention in the export.
    assert_eq!(dates.len(), 3);
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");

    // In a query, customer: is the same person's records, on every channel, and can be
    // combined with the rest of the language.
    let search = |q: &str| {
        json_out(vochub(dir.path()).args(["search", q, "--json", "--limit", "0"]))["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    let mut all: Vec<i64> = pages[0]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    all.sort();
    let mut found = search("customer:linxiaowen@163.com");
    found.sort();
    assert_eq!(found, all);
    let mut mails: Vec<i64> = pages[0]["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "email")
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    mails.sort();
    assert!(!mails.is_empty() && mails.len() < all.len());
    let mut found = search("customer:linxiaowen@163.com kind:email");
    found.sort();
    assert_eq!(found, mails);
    assert!(search("customer:nobody@example.com").is_empty());

    let out = vochub(dir.path())
        .args(["customer", "nobody@example.com"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no customer is known by 'nobody@example.com'"),
        "{err}"
    );
}
