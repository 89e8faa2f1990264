//! `vochub import PATH...`

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::interrupt::Interrupt;
use super::output::{fit, print_json};
use crate::domain::{Kind, counted, sanitize_line};
use serde::Serialize;

use crate::service::{
    Format, Hub, ImportOptions, ImportRequest, ImportSummary, Preview, Reject, SavedMapping,
    ServiceError, Target, Wait, input_name,
};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files (or Maildir folders) to import; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// auto (recognise by content), csv, tsv, json, jsonl, zendesk, freshdesk, intercom, salesforce, x,
    /// weibo, social-crawl, mbox, eml or maildir.
    #[arg(long, default_value = "auto")]
    pub format: Format,
    /// Kind of every record: ticket, sales_note, social, email, review, survey, other.
    #[arg(long)]
    pub kind: Option<Kind>,
    /// Source name for every record (default: the file's name).
    #[arg(long)]
    pub source: Option<String>,
    /// Map a field to a column or key, e.g. --map body=留言 (repeatable); --map inbound=COLUMN
    /// skips the rows that column marks as sent by the company.
    #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = parse_map)]
    pub maps: Vec<(Target, String)>,
    /// A saved mapping (TOML: column → field, date format, timezone, kind, source, tag separator);
    /// --map, --kind and --source given here still win.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Text encoding of the files (gbk, gb18030, big5, utf-8…), when detection guesses wrong.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Show how the files would be read, without storing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_map(s: &str) -> Result<(Target, String), String> {
    let (field, column) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not FIELD=COLUMN (e.g. body=content)"))?;
    let target: Target = field.trim().parse().map_err(|e| format!("{e}"))?;
    if column.trim().is_empty() {
        return Err(format!("--map {s}: the column name is empty"));
    }
    Ok((target, column.trim().to_string()))
}

pub fn run(hub: &mut Hub, args: ImportArgs) -> Result<i32> {
    let mut options = ImportOptions {
        format: args.format,
        kind: args.kind,
        source: args.source.clone(),
        maps: args.maps.clone(),
        encoding: args.encoding.clone(),
        ..hub.import_options()
    };
    if let Some(file) = &args.mapping {
        SavedMapping::load(file)?.apply_to(&mut options);
    }
    if args.dry_run {
        return dry_run(&args, &options);
    }
    let bar = progress_bar();
    let shown = bar.clone();
    let interrupt = Interrupt::install(move |what| {
        shown.suspend(|| eprintln!("vochub: {}", what));
    })?;
    let mut tick = |n: usize| bar.set_position(n as u64);
    // Blocked in the open or the read, the import reaches no point where it could stop: the
    // first ctrl-c only asks, the second quits.
    let waiting = |file: &str, on: Wait| {
        let what = wait_notice(file, on, "press ctrl-c twice to give up");
        bar.suspend(|| eprintln!("vochub: {what}"));
    };
    let request = ImportRequest {
        stop: Some(interrupt.flag()),
        waiting: Some(&waiting),
        ..ImportRequest::new(&args.paths, options)
    };
    let result = hub.import(&request, &mut tick);
    bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        // A script asked for JSON gets the summary, errors and all, as well as the exit status.
        Err(ServiceError::NothingImported(summary)) if args.json => {
            print_json(&summary)?;
            return Err(ServiceError::NothingImported(summary).into());
        }
        Err(e) => return Err(e.into()),
    };
    if args.json {
        print_json(&summary)?;
    } else {
        print_summary(&summary);
    }
    if let Some(file) = &summary.stopped_in {
        print_stopped(&summary, file, &args.paths, interrupt.cause());
        return Ok(interrupt.exit_code());
    }
    Ok(exit_code(summary.failed_files, args.paths.len()))
}

/// What the person is told before vochub blocks on an input that waits for another program,
/// ending with how to give up.
fn wait_notice(file: &str, on: Wait, give_up: &str) -> String {
    let what = match on {
        Wait::Pipe => format!(
            "waiting for data on the pipe {file}: nothing is read until a program writes to it \
             ({give_up})"
        ),
        Wait::Terminal => format!(
            "reading records typed or pasted here; end them with ctrl-d on a line of its own \
             ({give_up})"
        ),
    };
    sanitize_line(&what)
}

/// 0 when every file was read (rejected rows are reported, not failures), 1 when some files could
/// not be read and the others were imported; when none could be, the caller fails with 2.
fn exit_code(failed_files: usize, files: usize) -> i32 {
    match failed_files {
        0 => 0,
        n if n < files => 1,
        _ => 2,
    }
}

fn print_summary(summary: &ImportSummary) {
    for f in &summary.files {
        eprintln!(
            "{}: {} ({}), {}",
            sanitize_line(&f.file),
            f.format.as_str(),
            f.encoding,
            counted(f.read, "row")
        );
    }
    let mut counts = format!(
        "read {}  inserted {}  updated {}  unchanged {}  rejected {}",
        summary.read, summary.inserted, summary.updated, summary.unchanged, summary.rejected
    );
    if summary.repeated > 0 {
        counts.push_str(&format!("  repeated {}", summary.repeated));
    }
    if summary.skipped > 0 {
        counts.push_str(&format!("  skipped {}", summary.skipped));
    }
    if summary.failed_files > 0 {
        counts.push_str(&format!("  files failed {}", summary.failed_files));
    }
    println!("{counts}");
    for s in &summary.skips {
        println!(
            "  skipped {} {} in {}",
            s.count,
            s.why.describe(),
            sanitize_line(&s.file)
        );
    }
    for (theme, n) in &summary.themed {
        println!(
            "  theme rule {}: {}",
            sanitize_line(theme),
            counted(n, "record")
        );
    }
    for e in summary.errors.iter().chain(&summary.warnings) {
        // A whole file's reason names the file itself.
        let line = match e.line {
            0 => e.reason.clone(),
            n => format!("{}:{n}: {}", e.file, e.reason),
        };
        eprintln!("  {}", sanitize_line(&line));
    }
    let shown = summary.errors.iter().filter(|e| e.line > 0).count();
    if summary.rejected > shown {
        eprintln!(
            "  … and {} more",
            counted(summary.rejected - shown, "rejected row")
        );
    }
}

/// What an interrupted import stored, and that running it again is safe.
fn print_stopped(summary: &ImportSummary, file: &str, paths: &[PathBuf], cause: &str) {
    let at = paths
        .iter()
        .position(|p| input_name(p) == file)
        .unwrap_or(0);
    let stored = summary.inserted + summary.updated + summary.unchanged;
    let before = match at {
        0 => String::new(),
        1 => " and the file before it".to_string(),
        n => format!(" and the {n} files before it"),
    };
    let after = match paths.len() - at - 1 {
        0 => String::new(),
        1 => ", nor the file after it".to_string(),
        n => format!(", nor the {n} files after it"),
    };
    let file = sanitize_line(file);
    eprintln!(
        "vochub: import stopped by {cause} in {file}: {} from it{before} {} \
         stored (inserted {}, updated {}, unchanged {}) and searchable; the rest of {file} was \
         not read{after}.\nRunning the same import again is safe: records already stored are \
         matched on source and id and left as they are, and only what is missing is added.",
        counted(stored, "record"),
        if stored == 1 && before.is_empty() {
            "is"
        } else {
            "are"
        },
        summary.inserted,
        summary.updated,
        summary.unchanged,
    );
}

/// What `--dry-run --json` prints: one document for all the files.
#[derive(Serialize)]
struct DryRun {
    previews: Vec<Preview>,
    errors: Vec<Reject>,
}

fn dry_run(args: &ImportArgs, options: &ImportOptions) -> Result<i32> {
    let mut out = DryRun {
        previews: Vec::new(),
        errors: Vec::new(),
    };
    // Nothing is stored, so no ctrl-c handler: the first one quits, even while blocked.
    let waiting = |file: &str, on: Wait| {
        eprintln!(
            "vochub: {}",
            wait_notice(file, on, "press ctrl-c to give up")
        );
    };
    for path in &args.paths {
        match Hub::preview_telling(path, options, 5, &waiting) {
            Ok(preview) if args.json => out.previews.push(preview),
            Ok(preview) => print_preview(&preview),
            Err(e) => {
                // The message names the file.
                if !args.json {
                    eprintln!("{}", sanitize_line(&e.to_string()));
                }
                out.errors.push(Reject {
                    file: input_name(path),
                    line: 0,
                    reason: e.to_string(),
                });
            }
        }
    }
    if args.json {
        print_json(&out)?;
    }
    match exit_code(out.errors.len(), args.paths.len()) {
        2 => bail!("none of the files could be read"),
        code => Ok(code),
    }
}

fn print_preview(preview: &Preview) {
    let f = &preview.file;
    println!(
        "{}\n  format {}  encoding {}  rows {}",
        sanitize_line(&f.file),
        f.format.as_str(),
        f.encoding,
        f.read
    );
    for (target, column) in &f.mapping {
        println!("  {target:<8} ← {}", sanitize_line(column));
    }
    for s in &f.skipped {
        println!("  skipped {} {}", s.count, s.why.describe());
    }
    for r in &preview.sample {
        let date = r
            .created_at
            .map(|d| d.format("%Y-%m-%d %H:%M %:z").to_string())
            .unwrap_or_else(|| "(no date)".into());
        println!(
            "  {} {} {} {} {} {}",
            fit(r.external_id.as_deref().unwrap_or("-"), 16),
            fit(&date, 23),
            fit(r.kind.as_str(), 10),
            fit(&r.source, 12),
            fit(r.author.as_deref().unwrap_or("-"), 12),
            fit(&r.body, 40)
        );
    }
    for e in &preview.rejects {
        println!("  rejected line {}: {}", e.line, sanitize_line(&e.reason));
    }
    for w in &preview.warnings {
        println!("  line {}: {}", w.line, sanitize_line(&w.reason));
    }
}

/// A bar on stderr for long imports; hidden when stderr is not a terminal.
fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} records read  {per_sec}") {
        bar.set_style(style);
    }
    bar
}
