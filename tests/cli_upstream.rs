//! Runs the CLI with every flag of upstream `uniffi-bindgen generate` 0.32 and with upstream's
//! configuration formats (global `[defaults]` / `[crates.<name>]` / `[crate-roots]`, and every
//! upstream `[bindings.<lang>]` key: honoured, or refused with a message naming key and file).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_uniffi-bindgen-async"))
}

/// A copy of the `slice` UDL crate in a temp dir: `<tmp>/slice/{Cargo.toml,src/slice.udl}`,
/// plus `uniffi.toml` when `own_config` is given.
fn slice_crate(own_config: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("slice");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let src = root().join("tests/udl/slice");
    std::fs::copy(src.join("Cargo.toml"), dir.join("Cargo.toml")).unwrap();
    std::fs::copy(src.join("src/slice.udl"), dir.join("src/slice.udl")).unwrap();
    if let Some(cfg) = own_config {
        std::fs::write(dir.join("uniffi.toml"), cfg).unwrap();
    }
    (tmp, dir)
}

fn ok(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "expected success; stderr: {stderr}");
    stderr
}

fn failed(out: &Output, expected: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "expected failure; stderr: {stderr}");
    for e in expected {
        assert!(stderr.contains(e), "error must mention {e:?}: {stderr}");
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn upstream_flags_are_accepted() {
    let (tmp, dir) = slice_crate(None);
    let out = tmp.path().join("out");
    let udl = dir.join("src/slice.udl");
    for flags in [&["-n"][..], &["--no-format"], &["--library"], &["--metadata-no-deps"], &["-l", "python"]] {
        let o = bin().arg("generate").arg(&udl).args(flags).arg("-o").arg(&out).current_dir(&dir).output().unwrap();
        ok(&o);
        assert!(out.join("slice.py").exists(), "{flags:?}");
    }
}

#[test]
fn out_dir_defaults_to_the_udl_directory_and_is_required_for_a_library() {
    let (_tmp, dir) = slice_crate(None);
    let o = bin().arg("generate").arg(dir.join("src/slice.udl")).args(["--language", "python"]).current_dir(&dir).output().unwrap();
    ok(&o);
    assert!(dir.join("src/slice.py").exists());
    let o = bin().args(["generate", "--library"]).arg(root().join("Cargo.toml")).output().unwrap();
    failed(&o, &["--out-dir is required"]);
}

#[test]
fn crate_names_the_crate_of_a_udl_file_without_cargo_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let udl = tmp.path().join("slice.udl");
    std::fs::copy(root().join("tests/udl/slice/src/slice.udl"), &udl).unwrap();
    let out = tmp.path().join("out");
    let o = bin().arg("generate").arg(&udl).args(["-l", "python", "-o"]).arg(&out).current_dir(tmp.path()).output().unwrap();
    assert!(!o.status.success(), "no Cargo.toml and no --crate must fail");
    let o = bin()
        .arg("generate")
        .arg(&udl)
        .args(["-l", "python", "--crate", "othername", "-o"])
        .arg(&out)
        .current_dir(tmp.path())
        .output()
        .unwrap();
    ok(&o);
    let py = read(&out.join("slice.py"));
    assert!(py.contains("uniffi_othername_fn_func_add"), "FFI symbols must use the --crate name");
}

#[test]
fn global_config_merges_defaults_crate_file_and_overrides() {
    let (tmp, dir) = slice_crate(Some("[bindings.kotlin]\npackage_name = \"from.crate\"\n[bindings.python]\ncdylib_name = \"own\"\n"));
    let global = tmp.path().join("global.toml");
    let udl = dir.join("src/slice.udl");
    let out = tmp.path().join("out");
    let run = |global_text: &str| {
        std::fs::write(&global, global_text).unwrap();
        let _ = std::fs::remove_dir_all(&out);
        bin().arg("generate").arg(&udl).args(["-l", "kotlin", "-l", "python", "-c"]).arg(&global).arg("-o").arg(&out).current_dir(&dir).output().unwrap()
    };
    // [defaults] fill what the crate's file leaves out; the crate's file wins over them.
    ok(&run("[defaults.bindings.kotlin]\npackage_name = \"from.defaults\"\n[defaults.bindings.swift]\nmodule_name = \"m\"\n"));
    assert!(out.join("from/crate/slice.kt").exists(), "the crate's uniffi.toml wins over [defaults]");
    assert!(read(&out.join("slice.py")).contains("libown.so") || read(&out.join("slice.py")).contains("\"own\""));
    // [crates.<name>] wins over the crate's file.
    ok(&run("[crates.slice.bindings.kotlin]\npackage_name = \"from.override\"\n"));
    assert!(out.join("from/override/slice.kt").exists(), "[crates.slice] must override the crate's file");
    // Errors name the file.
    failed(&run("[defaults]\nbindings = 3\n"), &["global.toml"]);
    failed(&run("[crates.slice.bindings.kotlin]\nandroid = true\n"), &["`[bindings.kotlin] android = true`", "Android SDK"]);
}

#[test]
fn crate_roots_locate_a_crate_outside_cargo() {
    let (tmp, _dir) = slice_crate(Some("[bindings.kotlin]\npackage_name = \"via.roots\"\n"));
    let global = tmp.path().join("global.toml");
    std::fs::write(&global, "[crate-roots]\nslice = \"slice\"\n").unwrap();
    let lone = tmp.path().join("lone");
    std::fs::create_dir_all(&lone).unwrap();
    let udl = lone.join("slice.udl");
    std::fs::copy(root().join("tests/udl/slice/src/slice.udl"), &udl).unwrap();
    let out = tmp.path().join("out");
    let o = bin()
        .arg("generate")
        .arg(&udl)
        .args(["-l", "kotlin", "--crate", "slice", "-c"])
        .arg(&global)
        .arg("-o")
        .arg(&out)
        .current_dir(tmp.path())
        .output()
        .unwrap();
    ok(&o);
    assert!(out.join("via/roots/slice.kt").exists(), "the crate's uniffi.toml comes from [crate-roots]");
}

/// Generates the slice UDL with `cfg` as its crate's uniffi.toml; returns (output, out dir).
fn with_config(cfg: &str, lang: &str) -> (Output, tempfile::TempDir, PathBuf) {
    let (tmp, dir) = slice_crate(Some(cfg));
    let out = tmp.path().join("out");
    let o = bin().arg("generate").arg(dir.join("src/slice.udl")).args(["-l", lang, "-o"]).arg(&out).current_dir(&dir).output().unwrap();
    (o, tmp, out)
}

#[test]
fn exclude_removes_items_per_language() {
    let (o, _t, out) = with_config("[bindings.python]\nexclude = [\"add\", \"Store.compact\"]\n", "python");
    ok(&o);
    let py = read(&out.join("slice.py"));
    assert!(!py.contains("def add(") && !py.contains("def compact("), "excluded items must be gone");
    assert!(py.contains("def greet("), "other items stay");
    let (o, _t, out) = with_config("[bindings.python]\nexclude = [\"ad\"]\n", "python");
    failed(&o, &["uniffi.toml", "`ad`", "exclude"]);
    assert!(!out.exists());
}

#[test]
fn omit_checksums_drops_the_checksum_checks() {
    let (o, _t, out) = with_config("[bindings.kotlin]\nomit_checksums = true\n", "kotlin");
    ok(&o);
    let kt = read(&out.join("uniffi/slice/slice.kt"));
    assert!(!kt.contains("uniffi_slice_checksum_func_add"), "checksums must not be checked");
    let (o, _t, out) = with_config("", "kotlin");
    ok(&o);
    assert!(read(&out.join("uniffi/slice/slice.kt")).contains("uniffi_slice_checksum_func_add"));
}

#[test]
fn kotlin_target_version_and_cleaner_keys_change_the_runtime() {
    // The slice crate plus a flat enum.
    let kt = |cfg: &str| {
        let (tmp, dir) = slice_crate(Some(cfg));
        let udl = dir.join("src/slice.udl");
        std::fs::write(&udl, read(&udl) + "\nenum Mode { \"Fast\", \"Slow\" };\n").unwrap();
        let out = tmp.path().join("out");
        let o = bin().arg("generate").arg(&udl).args(["-l", "kotlin", "-o"]).arg(&out).current_dir(&dir).output().unwrap();
        ok(&o);
        read(&out.join("uniffi/slice/slice.kt"))
    };
    // Upstream: `entries` from Kotlin 1.9 on; `values()` below it and by default.
    let old = kt("");
    assert!(old.contains(".values().getOrNull(index - 1)") && !old.contains(".entries.getOrNull("));
    assert!(kt("[bindings.kotlin]\nkotlin_target_version = \"1.8\"\n").contains(".values().getOrNull(index - 1)"));
    assert!(kt("[bindings.kotlin]\nkotlin_target_version = \"2.1.0\"\n").contains(".entries.getOrNull(index - 1)"));
    // The JDK's cleaner by default; JNA's with `disable_java_cleaner`.
    assert!(old.contains("import java.lang.ref.Cleaner") && old.contains("Cleaner.create()"));
    let jna = kt("[bindings.kotlin]\ndisable_java_cleaner = true\n");
    assert!(jna.contains("import com.sun.jna.internal.Cleaner") && jna.contains("Cleaner.getCleaner()"));
    assert!(!jna.contains("java.lang.ref.Cleaner"));
}

#[test]
fn every_upstream_key_is_honoured_or_refused() {
    // Honoured: generation succeeds with no warning about the key.
    let honoured = [
        ("kotlin", "cdylib_name = \"x\""),
        ("kotlin", "package_name = \"a.b\""),
        ("kotlin", "generate_immutable_records = true\nmutable_records = [\"Point\"]"),
        ("kotlin", "omit_checksums = true"),
        ("kotlin", "external_packages = { other = \"x.y\" }"),
        ("kotlin", "exclude = [\"add\"]"),
        ("kotlin", "rename = { add = \"plus\" }"),
        ("kotlin", "kotlin_target_version = \"1.9.0\""),
        ("kotlin", "disable_java_cleaner = true"),
        ("kotlin", "android = true\ndisable_java_cleaner = true"),
        ("kotlin", "android = true\nandroid_cleaner = false"),
        ("swift", "module_name = \"M\"\nffi_module_name = \"MFFI\"\nffi_module_filename = \"mffi\"\ngenerate_module_map = false"),
        ("swift", "omit_checksums = true"),
        ("swift", "exclude = [\"add\"]"),
        ("swift", "omit_argument_labels = true"),
        ("swift", "generate_immutable_records = true\nmutable_records = [\"Point\"]"),
        ("swift", "omit_localized_error_conformance = true"),
        ("swift", "generate_codable_conformance = true"),
        ("swift", "experimental_sendable_value_types = true"),
        ("swift", "link_frameworks = [\"UIKit\"]"),
        ("python", "cdylib_name = \"x\""),
        ("python", "external_packages = { other = \"x\" }"),
        ("python", "exclude = [\"add\"]"),
        ("python", "rename = { add = \"plus\" }"),
    ];
    for (lang, body) in honoured {
        let (o, _t, _out) = with_config(&format!("[bindings.{lang}]\n{body}\n"), lang);
        let stderr = ok(&o);
        assert!(!stderr.contains("warning"), "{lang}: {body}: {stderr}");
    }
    // Every upstream 0.32 key is honoured; only values that cannot be generated here are refused.
    // Values that cannot be generated here: refused with the reason, nothing written.
    for body in ["android = true", "android_cleaner = true", "kotlin_target_version = \"1.x\""] {
        let (o, _t, out) = with_config(&format!("[bindings.kotlin]\n{body}\n"), "kotlin");
        failed(&o, &["uniffi.toml", &format!("`[bindings.kotlin] {body}`")]);
        assert!(!out.exists());
    }
    // A refused key fails only the language it belongs to.
    let (o, _t, out) = with_config("[bindings.kotlin]\nandroid = true\n", "python");
    ok(&o);
    assert!(out.join("slice.py").exists());
    let (o, _t, _out) = with_config("[bindings.kotlin]\nandroid = true\n", "kotlin");
    failed(&o, &["`[bindings.kotlin] android = true`"]);
    // Another language's key: ignored with a warning, as upstream ignores it (silently).
    let (o, _t, _out) = with_config("[bindings.swift]\ncdylib_name = \"x\"\n", "swift");
    assert!(ok(&o).contains("`[bindings.swift] cdylib_name` is not a swift setting"));
    // Sections of other generators and tools: ignored.
    let (o, _t, _out) = with_config("[bindings.ruby]\ncdylib_name = \"x\"\n[tool.other]\nx = 1\n", "python");
    assert!(!ok(&o).contains("warning"));
    // A key nobody has: refused.
    let (o, _t, _out) = with_config("[bindings.python]\ncdylib_nam = \"x\"\n", "python");
    failed(&o, &["uniffi.toml", "cdylib_nam"]);
}

#[test]
fn library_mode_outside_a_cargo_workspace_fails_loudly() {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--quiet", "-p", "uniffi-fixture-basics"])
        .current_dir(root())
        .status()
        .unwrap();
    assert!(status.success());
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    let lib = target.join("debug/libbasics.so");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = bin().arg("generate").arg(&lib).args(["-l", "python", "-o"]).arg(&out).current_dir(tmp.path()).output().unwrap();
    failed(&o, &["cargo metadata", "--config"]);
    assert!(!out.exists());
    // With the configuration given explicitly, it works from anywhere.
    let o = bin()
        .arg("generate")
        .arg(&lib)
        .args(["-l", "python", "-c"])
        .arg(root().join("fixtures/basics/uniffi.toml"))
        .arg("-o")
        .arg(&out)
        .current_dir(tmp.path())
        .output()
        .unwrap();
    ok(&o);
}

/// The `slice` crate with a richer UDL (records, an enum, an error, argument-taking callables and a
/// callback interface) and `cfg` as its `uniffi.toml`, generated for Swift: (Swift module,
/// modulemap).
fn swift_with(cfg: &str) -> (String, String) {
    let (tmp, dir) = slice_crate(Some(cfg));
    std::fs::write(
        dir.join("src/slice.udl"),
        "namespace slice { u32 add(u32 a, u32 b); [Throws=Oops] void fail(); };\n\
         dictionary Point { u32 x; };\ndictionary Size { u32 w; };\n\
         [Error] enum Oops { \"Bad\" };\n\
         enum Shape { \"Round\" };\n\
         callback interface Logger { void log(string message); };\n\
         interface Store { constructor(); void put(string key); };\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = bin().arg("generate").arg(dir.join("src/slice.udl")).args(["-l", "swift", "-o"]).arg(&out).current_dir(&dir).output().unwrap();
    ok(&o);
    (read(&out.join("slice.swift")), read(&out.join("sliceFFI.modulemap")))
}

#[test]
fn swift_output_settings_change_what_upstream_changes() {
    let (plain, map) = swift_with("");
    assert!(plain.contains("public func add(a: UInt32, b: UInt32)"), "labelled by default");
    assert!(plain.contains("public var x: UInt32") && plain.contains("public var w: UInt32"));
    assert!(plain.contains("Foundation.LocalizedError") && plain.contains("errorDescription"));
    assert!(!plain.contains("Codable"));
    assert!(!map.contains("link framework"));

    let (s, _) = swift_with("[bindings.swift]\nomit_argument_labels = true\n");
    assert!(s.contains("public func add(_ a: UInt32, _ b: UInt32)"), "functions");
    assert!(s.contains("public func put(_ key: String)"), "methods");
    assert!(s.contains("func log(_ message: String)"), "callback requirements");
    assert!(s.contains("try uniffiObj.log(UniffiConverterString.lift(message))"), "calls into Swift");

    let (s, _) = swift_with("[bindings.swift]\ngenerate_immutable_records = true\nmutable_records = [\"Size\"]\n");
    assert!(s.contains("public let x: UInt32") && s.contains("public var w: UInt32"));

    let (s, _) = swift_with("[bindings.swift]\nomit_localized_error_conformance = true\n");
    assert!(s.contains("public enum Oops: Swift.Error, Equatable, Hashable, Sendable {"));
    assert!(!s.contains("public var errorDescription"));

    let (s, _) = swift_with("[bindings.swift]\ngenerate_codable_conformance = true\n");
    assert!(s.contains("public struct Point: Equatable, Hashable, Codable, Sendable"));
    assert!(s.contains("public enum Shape: Equatable, Hashable, Codable, Sendable"));
    assert!(s.contains("public enum Oops: Swift.Error, Equatable, Hashable, Codable, Sendable"));

    let (s, _) = swift_with("[bindings.swift]\nexperimental_sendable_value_types = false\n");
    assert!(s.contains("public struct Point: Equatable, Hashable, Sendable"), "value types stay Sendable");

    let (_, map) = swift_with("[bindings.swift]\nlink_frameworks = [\"UIKit\", \"Metal\"]\n");
    assert!(map.contains("    link framework \"UIKit\"\n    link framework \"Metal\"\n}"), "{map}");
}
