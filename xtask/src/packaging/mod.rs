//! Reads the `todo` example crate; produces what a user ships, built the way a user would build
//! it, and uses it from a fresh directory: the tool installed by `cargo install --path .`, and a
//! Python wheel built by maturin (`bindings =
//! "uniffi"`) in a scratch cargo workspace whose own `uniffi-bindgen` bin is the three-line
//! `uniffi_bindgen_async::uniffi_bindgen_main()` pattern, pip-installed into a fresh venv and run
//! on asyncio. Everything lives under `target/packaging/`.
//! JS: `npm_package` (an `npm pack`ed package of the bindings with the cdylib inside).
//! Kotlin: `kotlin_jar` (kotlin.rs). Swift: `swift_generated_package` (swift.rs). The getting-started
//! guides, docs/getting-started/*.md, run as written: `guide_<language>` (guides.rs).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::util::{self, Ctx};

mod guides;
mod kotlin;
mod swift;

/// maturin from PyPI, pinned.
const MATURIN: &str = "maturin==1.16.0";

/// Runs every packaging check; returns (passed, failed).
pub fn run(ctx: &Ctx) -> Result<(usize, usize)> {
    let mut outcome = (0, 0);
    let checks: [(&str, fn(&Ctx) -> Result<()>); 11] = [
        ("cargo_install", cargo_install),
        ("python_wheel_via_maturin", python_wheel),
        ("npm_package", npm_package),
        ("kotlin_jar", kotlin::jar),
        ("swift_generated_package", swift::package),
        ("readme_quickstart", guides::readme),
        ("example_streams", guides::streams_example),
        ("guide_python", guides::python),
        ("guide_kotlin", guides::kotlin),
        ("guide_swift", guides::swift),
        ("guide_js", guides::js),
    ];
    let only = std::env::var("UBA_PACKAGING_ONLY").ok();
    for (name, check) in checks {
        if only.as_deref().is_some_and(|o| !o.split(',').any(|o| o == name)) {
            continue;
        }
        let started = std::time::Instant::now();
        let result = check(ctx);
        println!("# {name}: {:.1} s", started.elapsed().as_secs_f64());
        match result {
            Ok(()) => {
                println!("ok - {name}");
                outcome.0 += 1;
            }
            Err(e) => {
                println!("not ok - {name}: {e:#}");
                outcome.1 += 1;
            }
        }
    }
    Ok(outcome)
}

/// `cargo install --path .` (as the README says), into a scratch root; the installed binary runs.
/// Shares our target dir and builds in debug, so nothing is compiled twice.
fn cargo_install(ctx: &Ctx) -> Result<()> {
    let root = ctx.target.join("packaging/install");
    let _ = std::fs::remove_dir_all(&root);
    quiet(
        Command::new("cargo")
            .args(["install", "--quiet", "--locked", "--debug", "--path"])
            .arg(&ctx.root)
            .arg("--root")
            .arg(&root)
            .env("CARGO_TARGET_DIR", &ctx.target),
    )?;
    let out = Command::new(root.join("bin/uniffi-bindgen-async")).arg("--version").output()?;
    if !out.status.success() || !String::from_utf8_lossy(&out.stdout).contains("uniffi-bindgen-async") {
        bail!("the installed uniffi-bindgen-async does not run");
    }
    Ok(())
}

/// The scratch workspace: `todo/` (the example crate, with a `pyproject.toml`) and
/// `uniffi-bindgen/` (the bin crate), sharing our lockfile so the same versions are built.
fn scratch_workspace(ctx: &Ctx, dir: &Path) -> Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    let todo = dir.join("todo");
    let bindgen = dir.join("uniffi-bindgen");
    std::fs::create_dir_all(todo.join("src"))?;
    std::fs::create_dir_all(&bindgen)?;
    write(&dir.join("Cargo.toml"), "[workspace]\nmembers = [\"todo\", \"uniffi-bindgen\"]\nresolver = \"2\"\n")?;
    std::fs::copy(ctx.root.join("Cargo.lock"), dir.join("Cargo.lock"))?;
    std::fs::copy(ctx.root.join("examples/todo/src/lib.rs"), todo.join("src/lib.rs"))?;
    write(
        &todo.join("Cargo.toml"),
        "[package]\nname = \"todo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [lib]\nname = \"todo\"\ncrate-type = [\"cdylib\"]\n\n\
         [dependencies]\nuniffi = \"=0.32.2\"\n",
    )?;
    write(
        &todo.join("pyproject.toml"),
        "[build-system]\nrequires = [\"maturin>=1.9,<2\"]\nbuild-backend = \"maturin\"\n\n\
         [project]\nname = \"todo\"\nversion = \"0.1.0\"\nrequires-python = \">=3.9\"\n\n\
         [tool.maturin]\nbindings = \"uniffi\"\n",
    )?;
    write(
        &bindgen.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"uniffi-bindgen\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [[bin]]\nname = \"uniffi-bindgen\"\npath = \"main.rs\"\n\n\
             [dependencies]\nuniffi-bindgen-async = {{ path = \"{}\" }}\n",
            ctx.root.display()
        ),
    )?;
    write(
        &bindgen.join("main.rs"),
        "fn main() -> std::process::ExitCode {\n    uniffi_bindgen_async::uniffi_bindgen_main()\n}\n",
    )?;
    Ok(())
}

fn python_wheel(ctx: &Ctx) -> Result<()> {
    let base = ctx.target.join("packaging/python");
    let ws = base.join("ws");
    scratch_workspace(ctx, &ws)?;
    let build_venv = venv(&base.join("venv-build"))?;
    quiet(Command::new(build_venv.join("bin/pip")).args(["install", "--quiet", "--disable-pip-version-check", MATURIN]))
        .context("installing maturin from PyPI")?;
    let dist = base.join("dist");
    let _ = std::fs::remove_dir_all(&dist);
    // Shares our target dir, so the generator and uniffi are not compiled again.
    quiet(
        Command::new(build_venv.join("bin/maturin"))
            .args(["build", "--profile", "dev", "--manifest-path"])
            .arg(ws.join("todo/Cargo.toml"))
            .arg("--out")
            .arg(&dist)
            .env("CARGO_TARGET_DIR", &ctx.target)
            .current_dir(ws.join("todo")),
    )
    .context("maturin build")?;
    let wheel = std::fs::read_dir(&dist)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .context("maturin wrote no wheel")?;

    // A fresh venv in a fresh directory: install the wheel and run async code on asyncio.
    let app = base.join("app");
    let _ = std::fs::remove_dir_all(&app);
    std::fs::create_dir_all(&app)?;
    let venv = venv(&app.join("venv"))?;
    quiet(Command::new(venv.join("bin/pip")).args(["install", "--quiet", "--disable-pip-version-check"]).arg(&wheel))
        .context("pip install of the wheel")?;
    write(
        &app.join("main.py"),
        "import asyncio, importlib, inspect\nimport todo\n\n\
         src = inspect.getsource(importlib.import_module('todo.todo'))\n\
         assert 'generated by uniffi-bindgen-async' in src, 'the wheel must hold our bindings'\n\n\
         async def main():\n\
         \x20   names = await asyncio.gather(todo.fetch_greeting('Ada', 20), todo.fetch_greeting('Grace', 10))\n\
         \x20   assert names == ['Hello, Ada, from async Rust!', 'Hello, Grace, from async Rust!'], names\n\
         \x20   assert todo.count_words('one two three') == 3\n\
         \x20   print('wheel ok')\n\n\
         asyncio.run(main())\n",
    )?;
    let out = Command::new(venv.join("bin/python")).arg("main.py").current_dir(&app).output()?;
    if !out.status.success() || !String::from_utf8_lossy(&out.stdout).contains("wheel ok") {
        bail!(
            "the installed wheel failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

/// The todo example as an npm package: its JS bindings generated with `package_json = true`
/// beside its cdylib, `npm pack`ed, `npm install`ed (koffi from the registry, pinned) into a
/// fresh project, run from an `.mjs` and type-checked from a `.ts` under `tsc --strict`.
fn npm_package(ctx: &Ctx) -> Result<()> {
    let base = ctx.target.join("packaging/js");
    let _ = std::fs::remove_dir_all(&base);
    let pkg = base.join("pkg");
    std::fs::create_dir_all(&pkg)?;
    let lib = todo_cdylib(ctx)?;
    let config = base.join("uniffi.toml");
    write(&config, "[bindings.js]\npackage_json = true\n")?;
    // From the crate's directory, so `cargo metadata` gives the package its crate's version.
    quiet(
        Command::new(&ctx.generator)
            .arg("generate")
            .arg(&lib)
            .args(["--language", "js", "--out-dir"])
            .arg(&pkg)
            .arg("--config")
            .arg(&config)
            .current_dir(ctx.root.join("examples/todo")),
    )
    .context("generating the JS package")?;
    std::fs::copy(&lib, pkg.join(lib.file_name().context("library name")?))?;
    let packed = Command::new("npm").args(["pack", "--silent", "--pack-destination"]).arg(&base).current_dir(&pkg).output()?;
    if !packed.status.success() {
        bail!("npm pack failed:\n{}", String::from_utf8_lossy(&packed.stderr));
    }
    let tarball = base.join(String::from_utf8_lossy(&packed.stdout).trim().lines().last().context("npm pack named no tarball")?);

    // A fresh project that installs the tarball (and koffi from the registry).
    let app = base.join("app");
    std::fs::create_dir_all(&app)?;
    write(&app.join("package.json"), "{ \"name\": \"app\", \"private\": true, \"type\": \"module\" }\n")?;
    quiet(Command::new("npm").args(["install", "--silent", "--no-audit", "--no-fund"]).arg(&tarball).current_dir(&app))
        .context("npm install of the package")?;
    write(
        &app.join("main.mjs"),
        "import { fetchGreeting, countWords } from 'todo';\n\
         import { readFileSync } from 'node:fs';\n\n\
         const src = readFileSync(new URL(import.meta.resolve('todo')), 'utf8');\n\
         if (!src.includes('generated by uniffi-bindgen-async')) throw new Error('the package must hold our bindings');\n\
         const names = await Promise.all([fetchGreeting('Ada', 20), fetchGreeting('Grace', 10)]);\n\
         if (names.join('|') !== 'Hello, Ada, from async Rust!|Hello, Grace, from async Rust!') throw new Error(String(names));\n\
         if (countWords('one two three') !== 3) throw new Error('countWords');\n\
         console.log('npm ok');\n",
    )?;
    let out = Command::new("node").arg("main.mjs").current_dir(&app).output()?;
    if !out.status.success() || !String::from_utf8_lossy(&out.stdout).contains("npm ok") {
        bail!("the installed package failed:\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }
    write(
        &app.join("main.ts"),
        "import { fetchGreeting, countWords } from 'todo';\n\n\
         const greeting: string = await fetchGreeting('Ada', 20);\n\
         const words: number = countWords(greeting);\n\
         console.log(greeting, words);\n",
    )?;
    // @types/node from the toolchain cache (the app itself installs only the package).
    let types = Path::new(ctx.tool("KOFFI_NODE_PATH")?).join("@types");
    quiet(
        Command::new(ctx.tool("TSC")?)
            .args(["--strict", "--noEmit", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext"])
            .arg("--typeRoots")
            .arg(&types)
            .args(["--types", "node", "main.ts"])
            .current_dir(&app),
    )
    .context("tsc --strict on a .ts importing the package")?;
    Ok(())
}

/// Builds the todo example (debug, our target dir); returns its cdylib.
fn todo_cdylib(ctx: &Ctx) -> Result<PathBuf> {
    quiet(Command::new("cargo").args(["build", "--quiet", "-p", "uniffi-example-todo"]).current_dir(&ctx.root).env("CARGO_TARGET_DIR", &ctx.target))
        .context("building the todo example")?;
    Ok(ctx.target.join("debug").join(format!("{}todo{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX)))
}

/// Runs the generator on the todo example's cdylib for one language into `out`, from the
/// crate's directory (so its `uniffi.toml` and version are found), with an extra `config`.
fn generate_todo(ctx: &Ctx, lib: &Path, lang: &str, out: &Path, config: Option<&Path>) -> Result<()> {
    let mut cmd = Command::new(&ctx.generator);
    cmd.arg("generate").arg(lib).args(["--language", lang, "--out-dir"]).arg(out);
    if let Some(config) = config {
        cmd.arg("--config").arg(config);
    }
    quiet(cmd.current_dir(ctx.root.join("examples/todo"))).with_context(|| format!("generating the {lang} bindings"))
}

fn venv(dir: &Path) -> Result<PathBuf> {
    if !dir.join("bin/python").exists() {
        util::run(Command::new("python3").args(["-m", "venv"]).arg(dir)).context("python3 -m venv")?;
    }
    Ok(dir.to_path_buf())
}

/// Runs `cmd`, showing its output only when it fails.
fn quiet(cmd: &mut Command) -> Result<()> {
    let out = cmd.output().with_context(|| format!("cannot start {cmd:?}"))?;
    if !out.status.success() {
        bail!("{cmd:?} failed:\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}
