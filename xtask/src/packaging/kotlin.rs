//! Reads the todo example's cdylib; produces a self-contained Kotlin/JVM jar the way
//! docs/kotlin.md ("A jar that carries its native library") says: the bindings and a `main`
//! compiled by `kotlinc -include-runtime` into `app.jar`, the cdylib added as the JNA resource
//! `linux-x86-64/libtodo.so`, then `java -cp app.jar:jna.jar:kotlinx-coroutines.jar MainKt` run
//! from a fresh directory with no `-Djna.library.path` and nothing else beside it.

use std::process::Command;

use anyhow::{bail, Context, Result};

use super::{generate_todo, quiet, todo_cdylib, write};
use crate::util::Ctx;

/// The JNA resource directory for this machine (`Platform.RESOURCE_PREFIX`).
const RESOURCE_PREFIX: &str = "linux-x86-64";

pub fn jar(ctx: &Ctx) -> Result<()> {
    let base = ctx.target.join("packaging/kotlin");
    let _ = std::fs::remove_dir_all(&base);
    let lib = todo_cdylib(ctx)?;
    let bindings = base.join("bindings");
    generate_todo(ctx, &lib, "kotlin", &bindings, None)?;
    let main = base.join("src/Main.kt");
    std::fs::create_dir_all(base.join("src"))?;
    write(
        &main,
        "import kotlinx.coroutines.async\nimport kotlinx.coroutines.runBlocking\nimport uniffi.todo.countWords\nimport uniffi.todo.fetchGreeting\n\n\
         fun main() = runBlocking {\n\
         \x20   val ada = async { fetchGreeting(\"Ada\", 20u) }\n\
         \x20   val grace = async { fetchGreeting(\"Grace\", 10u) }\n\
         \x20   check(ada.await() == \"Hello, Ada, from async Rust!\") { ada.await() }\n\
         \x20   check(grace.await() == \"Hello, Grace, from async Rust!\") { grace.await() }\n\
         \x20   check(countWords(\"one two three\") == 3u)\n\
         \x20   println(\"jar ok\")\n\
         }\n",
    )?;
    let jna = ctx.tool("JNA_JAR")?;
    let coroutines = ctx.tool("KOTLIN_COROUTINES_JAR")?;
    let jar = base.join("app.jar");
    // docs/kotlin.md: 1. compile (the Kotlin runtime included), 2. add the cdylib as a resource.
    quiet(
        Command::new(ctx.tool("KOTLINC")?)
            .args(["-Werror", "-jvm-target", "17", "-include-runtime", "-cp"])
            .arg(format!("{jna}:{coroutines}"))
            .arg("-d")
            .arg(&jar)
            .arg(bindings.join("uniffi/todo/todo.kt"))
            .arg(&main),
    )
    .context("kotlinc")?;
    let res = base.join("res").join(RESOURCE_PREFIX);
    std::fs::create_dir_all(&res)?;
    std::fs::copy(&lib, res.join("libtodo.so"))?;
    quiet(Command::new("jar").arg("uf").arg(&jar).arg("-C").arg(base.join("res")).arg(RESOURCE_PREFIX)).context("jar uf")?;

    // A fresh directory holding only the jar; no library path of any kind.
    let app = base.join("app");
    std::fs::create_dir_all(&app)?;
    std::fs::copy(&jar, app.join("app.jar"))?;
    let out = Command::new("java")
        .arg("-cp")
        .arg(format!("app.jar:{jna}:{coroutines}"))
        .arg("MainKt")
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("JAVA_TOOL_OPTIONS")
        .current_dir(&app)
        .output()?;
    if !out.status.success() || !String::from_utf8_lossy(&out.stdout).contains("jar ok") {
        bail!("the jar failed:\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}
