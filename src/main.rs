//! The `vochub` binary: parse the command line, run it, turn errors into messages and exit codes.

use clap::Parser;

fn main() {
    vochub::service::tune_memory();
    let cli = vochub::cli::Cli::parse();
    match vochub::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("vochub: {}", vochub::domain::sanitize(&format!("{e:#}")));
            std::process::exit(2);
        }
    }
}
