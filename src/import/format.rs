//! The formats `--format` names and `FileReport` reports.

use std::fmt;
use std::str::FromStr;

/// How a file is read. The first five are generic shapes mapped by column names; the rest are the exports of
/// particular tools, each read by its own importer that knows the tool's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Auto,
    Csv,
    Tsv,
    Json,
    Jsonl,
    Zendesk,
    Freshdesk,
    Intercom,
    Salesforce,
    /// X/Twitter: the archive's `tweets.js`, API JSON, or CSV exports of mentions and replies.
    X,
    /// Weibo's API comments JSON.
    Weibo,
    /// Comment crawls of 小红书, 抖音 and 微博 (MediaCrawler-style CSV, JSON or JSONL).
    SocialCrawl,
    Mbox,
    Eml,
    Maildir,
}

impl Format {
    pub const ALL: [Format; 15] = [
        Format::Auto,
        Format::Csv,
        Format::Tsv,
        Format::Json,
        Format::Jsonl,
        Format::Zendesk,
        Format::Freshdesk,
        Format::Intercom,
        Format::Salesforce,
        Format::X,
        Format::Weibo,
        Format::SocialCrawl,
        Format::Mbox,
        Format::Eml,
        Format::Maildir,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Zendesk => "zendesk",
            Format::Freshdesk => "freshdesk",
            Format::Intercom => "intercom",
            Format::Salesforce => "salesforce",
            Format::X => "x",
            Format::Weibo => "weibo",
            Format::SocialCrawl => "social-crawl",
            Format::Mbox => "mbox",
            Format::Eml => "eml",
            Format::Maildir => "maildir",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Format {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown format '{0}' (expected one of: auto, csv, tsv, json, jsonl, zendesk, freshdesk, intercom, \
     salesforce, x, weibo, social-crawl, mbox, eml, maildir)"
)]
pub struct ParseFormatError(pub String);

impl FromStr for Format {
    type Err = ParseFormatError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace('_', "-");
        let alias = match norm.as_str() {
            "ndjson" => Some(Format::Jsonl),
            "twitter" => Some(Format::X),
            "crawl" | "xiaohongshu" | "xhs" | "douyin" => Some(Format::SocialCrawl),
            "email" | "mail" => Some(Format::Eml),
            _ => None,
        };
        alias
            .or_else(|| Format::ALL.into_iter().find(|f| f.as_str() == norm))
            .ok_or_else(|| ParseFormatError(s.to_string()))
    }
}
