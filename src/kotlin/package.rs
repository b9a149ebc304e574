//! No package output for Kotlin: the bindings are one `.kt` source file, which the app compiles
//! with JNA and kotlinx-coroutines on its classpath (a jar carrying the cdylib, or Gradle); see
//! docs/kotlin.md and `cargo xtask package` (`kotlin_jar`).
