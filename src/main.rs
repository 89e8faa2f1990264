//! The `vochub` binary: parse the command line, run it, turn errors into messages and exit codes.

/// See Cargo.toml: an import frees on tantivy's threads what it allocated on its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    quiet_broken_pipe();
    vochub::service::tune_memory();
    let cli = vochub::cli::parse();
    match vochub::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            let message = vochub::cli::error_message(&e);
            eprintln!("vochub: {}", vochub::domain::sanitize(&message));
            std::process::exit(2);
        }
    }
}

/// `vochub search … | head` closes the pipe early. Rust ignores SIGPIPE, so the next write
/// would fail and `println!` panic; restoring the default makes vochub end quietly, as other
/// command-line tools do when the reader has gone.
fn quiet_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; only resets a disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
