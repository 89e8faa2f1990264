//! vochub: one local hub for what customers say, across support tickets, sales notes and social comments.
//!
//! Layers (see ARCHITECTURE.md): `domain` (pure types) ← `store` (SQLite, the truth) and `index`
//! (tantivy, derived) and `import` (parsers) ← `service` (the only code that writes both) ← `cli` / `tui`.

pub mod bench;
pub mod cli;
pub mod config;
pub mod domain;
pub mod import;
pub mod index;
pub mod service;
pub mod store;
pub mod tui;
