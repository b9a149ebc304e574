//! Reads command-line arguments (clap derive) and produces a call to [`crate::generate`].

use std::ffi::OsString;

use anyhow::Result;
use camino::Utf8PathBuf;
use clap::{Parser, Subcommand};

use crate::{GenerateOptions, Language};

const EXAMPLES: &str = "\
Examples:
  # all four languages from a compiled library (library mode)
  uniffi-bindgen-async generate target/debug/libmycrate.so --out-dir bindings

  # just Python and Node, for one crate of the library
  uniffi-bindgen-async generate target/debug/libmycrate.so --crate mycrate \\
      --language python --language js --out-dir bindings

  # from a UDL file, with an explicit config
  uniffi-bindgen-async generate src/mycrate.udl --config uniffi.toml --out-dir bindings";

#[derive(Parser)]
#[command(name = "uniffi-bindgen-async", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate foreign-language bindings.
    #[command(after_help = EXAMPLES)]
    Generate {
        /// A compiled cdylib (library mode) or a `.udl` file.
        source: Utf8PathBuf,
        /// Language to generate; repeat for several. Default: all four.
        #[arg(short, long = "language", value_enum)]
        languages: Vec<Language>,
        /// Directory to write the bindings into (created if missing).
        #[arg(short, long)]
        out_dir: Utf8PathBuf,
        /// A `uniffi.toml` to use instead of the crate's own.
        #[arg(short, long)]
        config: Option<Utf8PathBuf>,
        /// Only generate for this crate (library mode).
        #[arg(long = "crate")]
        crate_name: Option<String>,
        /// Accepted for compatibility with `uniffi-bindgen`: output is always formatted by
        /// its templates and no external formatter is run.
        #[arg(long)]
        no_format: bool,
        /// Accepted for compatibility with `uniffi-bindgen`; library mode is detected from
        /// the source's extension.
        #[arg(long, hide = true)]
        library: bool,
    },
}

/// Parses `args` and runs the command. Errors are returned, never printed or exited on.
pub fn run<I, T>(args: I) -> Result<()>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        // --help and --version arrive as "errors"; print them and succeed.
        Err(e) if !e.use_stderr() => {
            e.print()?;
            return Ok(());
        }
        Err(e) => anyhow::bail!("{}", e.render().to_string().trim_start_matches("error: ").trim_end()),
    };
    match cli.command {
        Command::Generate { source, languages, out_dir, config, crate_name, no_format: _, library: _ } => {
            let opts = GenerateOptions { source, languages, out_dir, config, crate_name };
            let report = crate::generate(&opts)?;
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            for f in &report.files {
                println!("{f}");
            }
            Ok(())
        }
    }
}
