//! The query language people type: words, phrases, boolean operators, field filters and dates.
//! `parse` turns text into a `Query` tree; dates are resolved against a given "now" so parsing stays pure.

mod ast;
mod dates;
mod error;
mod lexer;
mod loosen;
mod parser;

pub use ast::{DateRange, Expr, Field, Query, SortOrder};
pub use error::{DATE_FORMS, DateError, QueryError, QueryErrorKind};
pub use loosen::Loosened;
pub use parser::parse;
