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
        /// Directory to write the bindings into (created if missing). Default: the directory
        /// of the `.udl` file; required in library mode.
        #[arg(short, long)]
        out_dir: Option<Utf8PathBuf>,
        /// A global config file, as upstream: `[defaults]` are merged with each crate's
        /// `uniffi.toml`, then `[crates.<name>]` overrides it; `[crate-roots]` maps crate names
        /// to directories. A plain `uniffi.toml` given here replaces every crate's own.
        #[arg(short, long)]
        config: Option<Utf8PathBuf>,
        /// Library mode: only generate for this crate. UDL mode: the crate's name, instead of
        /// reading it from the `Cargo.toml` beside the UDL file.
        #[arg(long = "crate")]
        crate_name: Option<String>,
        /// Do not format the generated code. Accepted for compatibility with `uniffi-bindgen`:
        /// the templates already produce formatted code and no external formatter is run.
        #[arg(short, long)]
        no_format: bool,
        /// Deprecated upstream too: library mode is detected from the source's extension.
        #[arg(long)]
        library: bool,
        /// Run `cargo metadata --no-deps` when locating crates' `uniffi.toml` (external
        /// types from crates outside the workspace then get no configuration).
        #[arg(long)]
        metadata_no_deps: bool,
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
        Command::Generate { source, languages, out_dir, config, crate_name, no_format: _, library: _, metadata_no_deps } => {
            let out_dir = match out_dir {
                Some(dir) => dir,
                None if source.extension() == Some("udl") => match source.parent() {
                    Some(dir) if !dir.as_str().is_empty() => dir.to_owned(),
                    _ => Utf8PathBuf::from("."),
                },
                None => anyhow::bail!("--out-dir is required when generating from a library ({source})"),
            };
            let opts = GenerateOptions { source, languages, out_dir, config, crate_name, metadata_no_deps };
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
