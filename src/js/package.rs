//! Reads the module and the `[bindings.js]` packaging keys (`package_json`, `package_name`,
//! `lib_path`); produces the `package.json` of the generated module (written when
//! `package_json = true`).

use crate::config::LangConfig;
use crate::ir::Module;

/// The koffi release the bindings are written and tested against (`scripts/setup-toolchains.sh`
/// installs exactly this version); the generated `package.json` pins it.
const KOFFI_VERSION: &str = "3.3.4";

/// `package.json` for the generated module: an ES module named `package_name` (default: the
/// namespace), versioned like the crate, whose entry and types are the generated files and
/// whose `files` hold every module of the directory and the cdylib where the module looks for
/// it (beside it, or `lib_path`); koffi is a pinned dependency. `./<module>.js` exports every
/// module of the directory (the components of the same library this one imports from).
pub fn package_json(m: &Module, cfg: &LangConfig) -> String {
    let ns = &m.namespace;
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let name = cfg.package_name.clone().unwrap_or_else(|| ns.clone());
    let version = m.crate_version.clone().unwrap_or_else(|| "0.0.0".into());
    let mut files = vec!["*.js".to_owned(), "*.d.ts".to_owned()];
    match cfg.lib_path.as_deref() {
        Some(path) => files.push(path.trim_start_matches("./").to_owned()),
        None => files.extend([format!("lib{}.so", m.cdylib), format!("lib{}.dylib", m.cdylib), format!("{}.dll", m.cdylib)]),
    }
    let files = files.iter().map(|f| q(f)).collect::<Vec<_>>().join(", ");
    [
        "{".to_owned(),
        format!("  \"name\": {},", q(&name)),
        format!("  \"version\": {},", q(&version)),
        "  \"type\": \"module\",".to_owned(),
        format!("  \"main\": \"./{ns}.js\","),
        format!("  \"types\": \"./{ns}.d.ts\","),
        "  \"exports\": {".to_owned(),
        format!("    \".\": {{ \"types\": \"./{ns}.d.ts\", \"default\": \"./{ns}.js\" }},"),
        "    \"./*.js\": { \"types\": \"./*.d.ts\", \"default\": \"./*.js\" }".to_owned(),
        "  },".to_owned(),
        format!("  \"files\": [{files}],"),
        "  \"engines\": { \"node\": \">=20\" },".to_owned(),
        "  \"dependencies\": {".to_owned(),
        format!("    \"koffi\": \"{KOFFI_VERSION}\""),
        "  }".to_owned(),
        "}".to_owned(),
    ]
    .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use camino::Utf8Path;

    use super::*;

    fn module() -> Module {
        let udl = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/udl/slice/src/slice.udl");
        let mut m = crate::load::load(Utf8Path::new(udl), None, None).unwrap().remove(0).module;
        m.crate_version = Some("1.2.3".into());
        m
    }

    #[test]
    fn package_json_is_publishable() {
        let m = module();
        let cfg = LangConfig { package_name: Some("@acme/sl\"ice".into()), lib_path: Some("./native/libslice.so".into()), ..Default::default() };
        let pkg = package_json(&m, &cfg);
        assert!(pkg.contains("\"name\": \"@acme/sl\\\"ice\","), "{pkg}");
        assert!(pkg.contains("\"version\": \"1.2.3\","), "{pkg}");
        assert!(pkg.contains("\"files\": [\"*.js\", \"*.d.ts\", \"native/libslice.so\"],"), "{pkg}");
        assert!(pkg.contains(&format!("\"koffi\": \"{KOFFI_VERSION}\"")), "{pkg}");
        assert!(!pkg.contains("private"), "{pkg}");
        let m = Module { crate_version: None, ..m };
        let pkg = package_json(&m, &LangConfig::default());
        assert!(pkg.contains("\"name\": \"slice\",") && pkg.contains("\"version\": \"0.0.0\","), "{pkg}");
        assert!(pkg.contains("\"libslice.so\", \"libslice.dylib\", \"slice.dll\""), "{pkg}");
    }
}
