//! Import: reads CSV/TSV, JSON and JSONL exports into [`NewFeedback`] records, one at a time, into a [`Sink`].
//!
//! This room parses and nothing else: it never touches the store or the index. A bad row becomes a [`Reject`]
//! naming its file, line and reason while the good rows keep flowing; only problems with the whole file
//! (unreadable, empty, no column that could be the text) are an [`ImportError`].

mod company;
mod conversation;
mod csv;
mod dates;
mod detect;
mod email;
mod encoding;
mod format;
mod freshdesk;
mod intercom;
mod json;
mod json_scan;
mod jsonl;
mod mapping;
mod record;
mod repeats;
mod salesforce;
mod saved_mapping;
mod social_crawl;
mod twitter;
mod vendor;
mod weibo;
mod zendesk;

use std::fmt;
use std::io::{IsTerminal, Read};
use std::path::Path;
use std::str::FromStr;

use crate::domain::{Kind, NewFeedback};
use detect::Shape;
use record::Outcome;

pub use company::{BadHandle, BadSender, CompanyHandles, CompanySenders};
pub use dates::parse_date;
pub use encoding::{DecodeError, decode};
pub use format::{Format, ParseFormatError};
pub use saved_mapping::{MappingFileError, SavedMapping};

/// A field of [`NewFeedback`] that a column can feed; the left side of `--map FIELD=COLUMN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Body,
    Id,
    Date,
    Author,
    Title,
    Url,
    Rating,
    Tags,
    Kind,
    Source,
    /// Who sent the row: rows it marks as the company's are skipped, not stored.
    Inbound,
}

impl Target {
    pub const ALL: [Target; 11] = [
        Target::Body,
        Target::Id,
        Target::Date,
        Target::Author,
        Target::Title,
        Target::Url,
        Target::Rating,
        Target::Tags,
        Target::Kind,
        Target::Source,
        Target::Inbound,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Body => "body",
            Target::Id => "id",
            Target::Date => "date",
            Target::Author => "author",
            Target::Title => "title",
            Target::Url => "url",
            Target::Rating => "rating",
            Target::Tags => "tags",
            Target::Kind => "kind",
            Target::Source => "source",
            Target::Inbound => "inbound",
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown field '{0}' in --map (expected one of: body, id, date, author, title, url, rating, tags, kind, \
     source, inbound)"
)]
pub struct ParseTargetError(pub String);

impl FromStr for Target {
    type Err = ParseTargetError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let target = match s.trim().to_ascii_lowercase().as_str() {
            "body" => Target::Body,
            "id" | "external_id" => Target::Id,
            "date" | "created_at" => Target::Date,
            "author" => Target::Author,
            "title" => Target::Title,
            "url" => Target::Url,
            "rating" => Target::Rating,
            "tags" => Target::Tags,
            "kind" => Target::Kind,
            "source" => Target::Source,
            "inbound" | "direction" => Target::Inbound,
            _ => return Err(ParseTargetError(s.to_string())),
        };
        Ok(target)
    }
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub format: Format,
    /// Overrides the kind found in a `kind` column or guessed from the file.
    pub kind: Option<Kind>,
    /// Overrides the `source` column and the file stem.
    pub source: Option<String>,
    /// `--map FIELD=COLUMN` pairs, in command-line order (a later pair for the same field wins).
    pub maps: Vec<(Target, String)>,
    /// An encoding label (`gbk`, `big5`, `utf-8`…) that overrides detection.
    pub encoding: Option<String>,
    /// A chrono format tried before the usual date formats (from a saved mapping).
    pub date_format: Option<String>,
    /// The offset of dates written without one; by default +08:00 for Chinese text, else UTC.
    pub timezone: Option<chrono::FixedOffset>,
    /// What separates the values of the tags column, instead of the usual `,;，；|`.
    pub tag_separator: Option<String>,
    /// The mail domains and addresses of the company (`company_senders` in the config): mail
    /// from them is skipped.
    pub company_senders: CompanySenders,
    /// The company's own accounts (`company_handles` in the config): records they wrote are
    /// skipped, whatever the format.
    pub company_handles: CompanyHandles,
}

/// What an input about to be read waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// A named pipe: opening it blocks until a program opens it to write.
    Pipe,
    /// Standard input is a terminal: the records are typed or pasted, ended by ctrl-d.
    Terminal,
}

/// One record that could not be imported, or (as a warning) one that was imported in place of another.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reject {
    pub file: String,
    /// 1-based physical line where the row (or JSON element) starts.
    pub line: usize,
    pub reason: String,
}

/// Why a record that was read is not stored: it is not what a customer said. vochub holds the
/// customers' words; a company's own replies, searched, tagged and quoted beside them, would be
/// counted and quoted as if a customer had said them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Skip {
    /// A post the company's own account sent: `inbound` False in a customer-support tweet CSV.
    CompanyReply,
    /// A help-desk conversation in which only the company's side wrote (an outbound message
    /// nobody answered).
    CompanyOnly,
    /// A row of a generic file that its mapped `inbound` column marks as the company's.
    CompanyMarked,
    /// A mail message from one of the company's own addresses (`company_senders`).
    CompanyMail,
    /// A record whose author is one of the company's own accounts (`company_handles`).
    CompanyAccount,
}

impl Skip {
    /// What the skipped records are, after their count: "44 replies by the company…".
    pub fn describe(self) -> &'static str {
        match self {
            Skip::CompanyReply => "replies by the company (inbound False)",
            Skip::CompanyOnly => "conversations in which only the company wrote",
            Skip::CompanyMarked => "rows the inbound column marks as sent by the company",
            Skip::CompanyMail => "messages from the company's own addresses (company_senders)",
            Skip::CompanyAccount => "records by the company's own accounts (company_handles)",
        }
    }
}

/// How many records of one file were skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub file: String,
    pub why: Skip,
    pub count: usize,
}

/// Receives records one by one; a persisting sink batches them itself.
pub trait Sink {
    fn accept(&mut self, rec: NewFeedback);
    fn reject(&mut self, rej: Reject);
    /// Comes just before the record it is about, which is accepted all the same: its id was already
    /// given by an earlier row of the same file, and this later row is to replace that one.
    fn repeated(&mut self, warning: Reject);
    /// Comes before opening an input that waits for another program, so the person is told why
    /// nothing happens: the open or the read blocks until it writes (or, a terminal, they type).
    fn waiting(&mut self, _file: &str, _on: Wait) {}
    /// Asked to stop (ctrl-c): the importer reads no further record, as if the input ended there.
    fn stopped(&self) -> bool {
        false
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FileReport {
    pub file: String,
    pub format: Format,
    pub encoding: String,
    /// `(field, column or key)` for every field that was mapped.
    pub mapping: Vec<(String, String)>,
    /// Rows or objects seen: always accepted + rejected + skipped.
    pub read: usize,
    /// Records read but not stored, by reason (see [`Skip`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

/// A problem with a whole file; the message names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {file}: {source} (check the path and its permissions)")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file} is a directory; pass the files inside it instead")]
    IsDirectory { file: String },
    #[error(
        "{file} is not a Maildir (it has no cur/ and new/ folders); pass the files inside it instead"
    )]
    NotMaildir { file: String },
    #[error("{file} is empty; there is nothing to import")]
    Empty { file: String },
    #[error("{file}: {source}")]
    NotText { file: String, source: DecodeError },
    #[error(
        "{file}: no column looks like the feedback text (columns found: {}); choose one with --map body=COLUMN",
        quoted_list(.columns)
    )]
    NoBodyColumn { file: String, columns: Vec<String> },
    #[error(
        "{file}: --map {target}={column}: there is no column '{column}' (columns found: {}); check the spelling",
        quoted_list(.columns)
    )]
    UnknownColumn {
        file: String,
        target: String,
        column: String,
        columns: Vec<String>,
    },
    #[error("{file}: line {line}: {detail}")]
    Malformed {
        file: String,
        line: usize,
        detail: String,
    },
}

/// `'a', 'b', …`: long names cut and long lists shortened, so a broken header cannot flood the terminal.
fn quoted_list(columns: &[String]) -> String {
    const SHOWN: usize = 40;
    if columns.is_empty() {
        return "none".to_string();
    }
    let mut list: Vec<String> = columns
        .iter()
        .take(SHOWN)
        .map(|c| format!("'{}'", record::truncate(c, 60)))
        .collect();
    if columns.len() > SHOWN {
        list.push(format!("and {} more", columns.len() - SHOWN));
    }
    list.join(", ")
}

/// The path that stands for standard input, as in other command-line tools (`./-` is a file).
const STDIN_PATH: &str = "-";

/// Whether `path` stands for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN_PATH
}

/// How an input is named in reports and errors: its path, or `<stdin>`.
pub fn input_name(path: &Path) -> String {
    match is_stdin(path) {
        true => "<stdin>".to_string(),
        false => path.display().to_string(),
    }
}

/// Imports one file (or standard input, for `-`) into `sink`; bad records are rejected through
/// the sink, whole-file problems are errors.
pub fn import_path(
    path: &Path,
    opts: &ImportOptions,
    sink: &mut dyn Sink,
) -> Result<FileReport, ImportError> {
    let file = input_name(path);
    let io_err = |source| ImportError::Io {
        file: file.clone(),
        source,
    };
    if is_stdin(path) {
        if std::io::stdin().is_terminal() {
            sink.waiting(&file, Wait::Terminal);
        }
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(io_err)?;
        // Named "stdin", the records get "stdin" as their source unless --source says otherwise.
        let input = Input {
            file,
            ext: String::new(),
            stem: "stdin".to_string(),
        };
        return import_bytes(bytes, &input, opts, sink);
    }
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if is_pipe(&meta) {
        sink.waiting(&file, Wait::Pipe);
    }
    if meta.is_dir() {
        let mut out = record::Emitter::new(file.clone(), sink, &opts.company_handles);
        if !matches!(opts.format, Format::Auto | Format::Maildir) {
            return Err(ImportError::IsDirectory { file });
        }
        if !email::is_maildir(path) {
            return Err(match opts.format {
                Format::Maildir => ImportError::NotMaildir { file },
                _ => ImportError::IsDirectory { file },
            });
        }
        email::import_maildir(path, opts, &mut out)?;
        return Ok(mail_report(file.clone(), Format::Maildir, &out));
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
    let input = Input {
        ext: path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default(),
        stem: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        file,
    };
    import_bytes(bytes, &input, opts, sink)
}

/// Mail is read by one importer whatever its container, with its charsets given per part.
fn mail_report(file: String, format: Format, out: &record::Emitter) -> FileReport {
    FileReport {
        file,
        format,
        encoding: "MIME".to_string(),
        mapping: vendor::report(email::MAPPING),
        read: out.read(),
        skipped: out.skipped(),
    }
}

#[cfg(unix)]
fn is_pipe(meta: &std::fs::Metadata) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type())
}

#[cfg(not(unix))]
fn is_pipe(_meta: &std::fs::Metadata) -> bool {
    false
}

/// What the reading of an input's bytes needs to know of where they came from.
struct Input {
    /// Its name in reports and errors.
    file: String,
    /// Lowercased extension, a hint to detection; empty for standard input.
    ext: String,
    /// The name the default source and kind are drawn from.
    stem: String,
}

fn import_bytes(
    bytes: Vec<u8>,
    input: &Input,
    opts: &ImportOptions,
    sink: &mut dyn Sink,
) -> Result<FileReport, ImportError> {
    let file = input.file.clone();
    let mut out = record::Emitter::new(file.clone(), sink, &opts.company_handles);
    if bytes.is_empty() {
        return Err(ImportError::Empty { file });
    }
    let ext = input.ext.as_str();
    // Mail carries its charsets per part and header, so it is parsed from bytes, before any file-wide decoding.
    let mail = match opts.format {
        Format::Mbox | Format::Eml => Some(opts.format),
        Format::Auto => email::sniff(&bytes, ext),
        _ => None,
    };
    if let Some(format) = mail {
        if format == Format::Mbox {
            email::import_mbox(&bytes, opts, &mut out);
        } else {
            email::import_eml(&bytes, opts, &mut out);
        }
        return Ok(mail_report(file, format, &out));
    }
    let decoded = match opts.encoding.as_deref() {
        Some(label) => encoding::decode_as(bytes, label),
        None => encoding::decode_vec(bytes),
    }
    .map_err(|source| ImportError::NotText {
        file: file.clone(),
        source,
    })?;
    let (text, encoding) = (decoded.text, decoded.encoding);
    if text.trim().is_empty() {
        return Err(ImportError::Empty { file });
    }

    let job = record::Job {
        file: file.clone(),
        stem: input.stem.clone(),
        opts,
    };
    out.set_damage(decoded.damage);

    let detected = detect::detect(&text, ext, opts.format, !opts.maps.is_empty(), &file)?;
    let (format, mapping) = match (detected.vendor, detected.shape) {
        (Some(vendor), shape) => (vendor, import_vendor(vendor, &text, shape, &job, &mut out)?),
        (None, Shape::Delimited(delimiter)) => {
            let format = match opts.format {
                Format::Auto if delimiter == b'\t' => Format::Tsv,
                Format::Auto => Format::Csv,
                forced => forced,
            };
            (
                format,
                csv::import(&text, delimiter, &job, &mut out)?.report(),
            )
        }
        (None, Shape::Json | Shape::TweetsJs) => {
            (Format::Json, json::import(&text, &job, &mut out)?.report())
        }
        (None, Shape::Jsonl) => (
            Format::Jsonl,
            jsonl::import(&text, &job, &mut out)?.report(),
        ),
    };
    Ok(FileReport {
        file,
        format,
        encoding: encoding.to_string(),
        mapping,
        read: out.read(),
        skipped: out.skipped(),
    })
}

/// A recognised tool's export through its own importer; returns the fixed mapping that importer uses.
fn import_vendor(
    vendor: Format,
    text: &str,
    shape: Shape,
    job: &record::Job,
    out: &mut record::Emitter,
) -> Result<Vec<(String, String)>, ImportError> {
    let mut stream = |convert: &mut vendor::Convert| {
        vendor::stream(text, shape, &job.file, job.opts, out, convert)
    };
    let mapping = match vendor {
        Format::Zendesk => {
            let side = zendesk::Sideloads::of(text, shape);
            stream(&mut |t| zendesk::ticket(&side, t))?;
            zendesk::MAPPING
        }
        Format::Salesforce => {
            stream(&mut |r| salesforce::row(r).map(Outcome::from))?;
            salesforce::MAPPING
        }
        Format::X => {
            let people = twitter::People::of(text, shape, Path::new(&job.file));
            stream(&mut |t| twitter::tweet(&people, t))?;
            twitter::MAPPING
        }
        Format::Freshdesk => {
            stream(&mut freshdesk::ticket)?;
            freshdesk::MAPPING
        }
        Format::Intercom => {
            stream(&mut intercom::conversation)?;
            intercom::MAPPING
        }
        Format::Weibo => {
            stream(&mut |c| weibo::comment(c).map(Outcome::from))?;
            weibo::MAPPING
        }
        Format::SocialCrawl => {
            let platform = social_crawl::platform_of_name(&job.stem);
            stream(&mut |c| social_crawl::comment(c, platform).map(Outcome::from))?;
            social_crawl::MAPPING
        }
        // Not yet read by a dedicated importer: the generic reader of the same shape takes it.
        _ => {
            return Ok(match shape {
                Shape::Delimited(d) => csv::import(text, d, job, out)?.report(),
                Shape::Jsonl => jsonl::import(text, job, out)?.report(),
                Shape::Json | Shape::TweetsJs => json::import(text, job, out)?.report(),
            });
        }
    };
    Ok(vendor::report(mapping))
}

#[cfg(test)]
mod tests;
