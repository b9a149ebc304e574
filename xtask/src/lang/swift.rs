//! Reads a fixture; generates its Swift bindings, compiles them together with
//! `fixtures/<name>/tests/swift/*.swift` and the shared test harness (`fixtures/harness/swift/`:
//! `check`, `runTests`, ...) in one `swiftc` invocation (Swift 6 language mode, warnings as errors,
//! the C module through the generated modulemap, linking the host-built cdylib) and runs the
//! program, natively or inside the Swift chroot (`scripts/swift-run.sh`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::util::{self, run_tests, Ctx, Fixture, Outcome};


pub fn run(ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    let out = fixture.work_dir(ctx, "swift");
    ctx.generate(fixture, "swift", &out)?;
    let bindings = files_with_ext(&out, "swift")?;
    let modulemaps = files_with_ext(&out, "modulemap")?;
    let tests = files_with_ext(&fixture.tests_dir("swift"), "swift")?;
    let harness = files_with_ext(&ctx.root.join("fixtures/harness/swift"), "swift")?;
    if bindings.is_empty() || modulemaps.is_empty() || tests.is_empty() || harness.is_empty() {
        bail!("{}: missing generated Swift bindings, modulemap, test sources or harness", fixture.name);
    }
    let lib = fixture
        .cdylib
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.strip_prefix("lib"))
        .with_context(|| format!("{}: unexpected cdylib name", fixture.cdylib.display()))?;
    let exe = out.join(format!("test_{}", fixture.name));

    let mut sources = bindings;
    sources.extend(tests);
    sources.extend(harness);
    compile(ctx, &out, lib, &format!("{}_tests", fixture.name), &[], &sources, &exe)?;

    let mut program = swift_run(ctx, &out)?;
    program.arg(&exe);
    let mut outcome = run_tests(&mut program)?;

    let spm_tests = fixture.tests_dir("swift").join("spm");
    if spm_tests.is_dir() {
        outcome.add(swiftpm(ctx, fixture, &out, &spm_tests, lib)?);
    }
    Ok(outcome)
}

/// Compiles the generated bindings in `out` (their modulemaps, linking `lib<lib>` there) with
/// `sources` into `exe`: Swift 6 language mode, warnings as errors, plus `flags` (e.g. `-O`).
/// The fixture tests and the soak program are built this way.
pub fn compile(ctx: &Ctx, out: &Path, lib: &str, module: &str, flags: &[&str], sources: &[PathBuf], exe: &Path) -> Result<()> {
    let mut cmd = swift_run(ctx, out)?;
    cmd.args(["swiftc", "-swift-version", "6", "-warnings-as-errors"])
        .args(flags)
        .args(["-module-name", module])
        .arg("-I")
        .arg(out);
    for map in files_with_ext(out, "modulemap")? {
        cmd.arg("-Xcc").arg(format!("-fmodule-map-file={}", map.display()));
    }
    cmd.arg("-L")
        .arg(out)
        .arg(format!("-l{lib}"))
        .args(["-Xlinker", "-rpath", "-Xlinker"])
        .arg(out)
        .args(sources)
        .arg("-o")
        .arg(exe);
    util::run(&mut cmd)
}

/// Lays the generated bindings out as a SwiftPM package and runs `swift test` on it, in Swift 6
/// mode with warnings as errors. Each generated component (`<name>.swift`, one per UniFFI crate
/// of the library) becomes a system-library target `<name>FFI` (the C header and modulemap) and
/// a library target `<name>` depending on it and on the components it imports (external types);
/// an XCTest target holds the files in `tests/swift/spm/` and depends on every component.
/// Reported as one test, `swiftpm_package`.
fn swiftpm(ctx: &Ctx, fixture: &Fixture, out: &Path, tests: &Path, lib: &str) -> Result<bool> {
    let pkg = out.join("spm");
    let components: Vec<String> = files_with_ext(out, "swift")?
        .iter()
        .filter_map(|f| f.file_stem().and_then(|s| s.to_str()).map(str::to_owned))
        .collect();
    let copy = |from: PathBuf, to: PathBuf| {
        std::fs::copy(&from, &to).with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))
    };
    let mkdir = |dir: &Path| std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()));
    let libdir = out.display().to_string();
    let mut targets = Vec::new();
    for module in &components {
        let ffi = format!("{module}FFI");
        let (ffi_dir, src_dir) = (pkg.join("Sources").join(&ffi), pkg.join("Sources").join(module));
        mkdir(&ffi_dir)?;
        mkdir(&src_dir)?;
        // A system-library target is a directory with `module.modulemap`: the generated one as is.
        copy(out.join(format!("{ffi}.modulemap")), ffi_dir.join("module.modulemap"))?;
        copy(out.join(format!("{ffi}.h")), ffi_dir.join(format!("{ffi}.h")))?;
        let source = out.join(format!("{module}.swift"));
        copy(source.clone(), src_dir.join(format!("{module}.swift")))?;
        // The components this one imports (`import geometry` for external types).
        let text = std::fs::read_to_string(&source).with_context(|| format!("{}: cannot read", source.display()))?;
        let mut deps = vec![format!("\"{ffi}\"")];
        for other in components.iter().filter(|c| *c != module) {
            if text.lines().any(|l| l.trim() == format!("import {other}")) {
                deps.push(format!("\"{other}\""));
            }
        }
        targets.push(format!(
            r#"        .systemLibrary(name: "{ffi}"),
        .target(
            name: "{module}",
            dependencies: [{deps}],
            swiftSettings: strict,
            linkerSettings: [
                .linkedLibrary("{lib}"),
                .unsafeFlags(["-L", "{libdir}", "-Xlinker", "-rpath", "-Xlinker", "{libdir}"]),
            ]
        ),"#,
            deps = deps.join(", ")
        ));
    }
    let name = &fixture.name;
    let test_dir = pkg.join("Tests").join(format!("{name}Tests"));
    mkdir(&test_dir)?;
    for test in files_with_ext(tests, "swift")? {
        copy(test.clone(), test_dir.join(test.file_name().context("test file name")?))?;
    }
    let quoted = components.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let manifest = format!(
        r#"// swift-tools-version:6.0
// Generated by `cargo xtask test`: the `{name}` bindings as a SwiftPM package.
import PackageDescription

let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "{name}",
    products: [.library(name: "{name}", targets: [{quoted}])],
    targets: [
{targets}
        .testTarget(name: "{name}Tests", dependencies: [{quoted}], swiftSettings: strict),
    ]
)
"#,
        targets = targets.join("\n")
    );
    std::fs::write(pkg.join("Package.swift"), manifest).context("writing Package.swift")?;
    let mut test = swift_run(ctx, &pkg)?;
    test.args(["swift", "test", "--disable-sandbox"]);
    Ok(util::run_check("swiftpm_package", &mut test))
}

/// A command that runs its arguments in the Swift environment, with the repository, the target
/// dir and `out` visible at the same paths.
pub fn swift_run(ctx: &Ctx, out: &Path) -> Result<Command> {
    // This checkout's own wrapper (toolchains.env names the checkout that last ran set-up).
    let mut cmd = Command::new(ctx.root.join("scripts/swift-run.sh"));
    cmd.env("SWIFT_MODE", ctx.tool("SWIFT_MODE")?).current_dir(out);
    if let Ok(chroot) = ctx.tool("SWIFT_CHROOT") {
        cmd.env("SWIFT_CHROOT", chroot);
    }
    let binds = [ctx.root.as_path(), ctx.target.as_path(), out]
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(":");
    cmd.env("UBA_SWIFT_BINDS", binds);
    Ok(cmd)
}

/// The files in `dir` with extension `ext`, sorted (so the build is deterministic).
pub fn files_with_ext(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("{}: cannot read", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
