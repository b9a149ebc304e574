#!/usr/bin/env python3
# Regenerates docs/features.md from the test programs actually present per fixture/language.
import os, re, sys
root = sys.argv[1]
langs = ["python", "kotlin", "swift", "js"]
def names(fixture, lang):
    d = os.path.join(root, "fixtures", fixture, "tests", lang)
    if not os.path.isdir(d): return set()
    # Checks the runner itself reports (compilers, packaging) count for every fixture.
    text = open(os.path.join(root, "xtask", "src", "lang", lang + ".rs")).read()
    for dp, _, fs in os.walk(d):
        for f in fs:
            if f.endswith((".py", ".kt", ".swift", ".mjs")):
                text += open(os.path.join(dp, f)).read()
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
tables = {
 "basics": ("The foundation slice (fixture `basics`)", [
  ("sync call, every primitive; u32 wrap; out-of-range input rejected", "sync_primitives"),
  ("u64 / i64 extremes", "sync_extremes"), ("String (non-ASCII, empty)", "sync_strings"),
  ("sync `Result` → typed error", "sync_error"), ("async, ready on first poll", "async_ready"),
  ("async, woken from another Rust thread", "async_woken"), ("async String", "async_string"),
  ("async `Result` → typed error with fields", "async_error"), ("async panic → error carrying the message", "async_panic"),
  ("cancellation drops the Rust future (observed from Rust)", "async_cancel"), ("1000 concurrent async calls", "async_concurrent"),
  ("`offload`: blocking Rust fn awaited, loop stays responsive", "offload_keeps_loop_responsive"),
  ("`blocking` twin, any thread, no loop", "blocking_twin"),
  ("JS: no blocking twin (it would block the only JS thread; warning instead)", "blocking_twin_absent"),
  ("JS: `package.json`, lib path override, Node exits by itself", "exits_cleanly"),
  ("Swift: consumed as a SwiftPM package, XCTest", "swiftpm_package"),
  ("Python: futures awaited from several event loops on several threads at once", "several_loops"),
  ("Python: replaceable offload executor", "offload_executor"),
  ("Swift: replaceable offload queue", "offload_custom_queue"),
  ("Swift: many quick offloaded calls and bursts beyond the idle pool, the cooperative pool keeps running","offload_quick_calls_and_bursts"),
  ("Kotlin: many quick offloaded calls and bursts beyond the idle pool, the event loop keeps ticking","offload_quick_calls_and_bursts"),
  ("Kotlin: replaceable offload dispatcher; cancellation waits for the Rust call","offload_custom_dispatcher")]),
 "types": ("Value types (fixture `types`)", [(d, n) for d, n in [
  ("every integer type at its extremes, both ways; out-of-range rejected","integers_extremes"),
  ("f32, f64","floats"),("String (non-ASCII, empty), bytes","strings_and_bytes"),
  ("timestamps (incl. before the epoch), durations","timestamps_and_durations"),
  ("Option, Vec, HashMap","collections"),("HashSet in every position (argument, return, async, field default, nested)","sets_in_every_position"),("nested `HashMap<String, Vec<Option<Point>>>`, sync and async","nested_collections"),
  ("records with field defaults","records_with_defaults"),("flat enums","flat_enums"),
  ("explicit discriminants","explicit_discriminants"),("enums with data (named, tuple, unit variants)","enums_with_data"),
  ("non-exhaustive enums","non_exhaustive_enum"),("flat errors, sync and async","flat_errors"),
  ("errors with fields, sync and async","errors_with_fields"),("custom types","custom_types"),
  ("default argument values","default_arguments"),("docstrings in the generated code","docstrings"),
  ("async round trip of every scalar","async_scalars")]]),
 "objects": ("Objects (fixture `objects`)", [
  ("primary constructor","primary_constructor"),("named constructors","named_constructor"),("async constructor","async_constructor"),
  ("methods","methods"),("async methods (woken from a Rust thread, with errors)","async_methods"),("method errors","method_errors"),
  ("objects passed into Rust","objects_into_rust"),("identity kept when Rust returns the same Arc","identity"),
  ("objects inside containers","objects_in_containers"),("Display, Debug, Eq, Hash, Ord → the language's protocols","trait_methods"),
  ("error objects (`Arc<ApiError>`) thrown with their methods","error_objects"),("Rust trait objects handed over and called","rust_trait_objects"),
  ("explicit freeing","explicit_free"),("automatic freeing","automatic_free"),
  ("`offload` on a method","offload_method"),("`blocking` twin of a method","blocking_method")]),
 "callbacks": ("Rust calling the language (fixture `callbacks`)", [
  ("callback on the calling thread","callback_same_thread"),("16 Rust threads x 1000 calls, no loss, no deadlock","callbacks_from_rust_threads"),
  ("foreign trait, sync method","foreign_sync_method"),("Rust awaits a foreign async method","foreign_async_method"),
  ("100 concurrent foreign futures","foreign_async_concurrent"),("errors thrown abroad: declared and unexpected","foreign_errors"),
  ("Rust drops a foreign future → the foreign task is cancelled","foreign_future_cancelled"),
  ("Rust implementation of a foreign trait called from the language","rust_impl_of_foreign_trait"),
  ("`dispatch = \"main\"` from a Rust thread; inline when already there","dispatch_main"),
  ("tokio-backed async fns (Rust-side thread switch) and their blocking twin","tokio_runtime"),
  ("handle maps back to 0","no_leaks"),
  ("async callback method with `dispatch = \"main\"`, called from a tokio worker","dispatch_main_async"),
  ("Python: blocking twin awaiting a foreign future (event loop chosen with `uniffi_set_event_loop`)","set_event_loop_for_foreign_futures"),
  ("Python: Rust threads keep their Python thread state while they run, released when they exit","rust_thread_states_released"),
  ("Python: interpreter exit with pinned Rust threads still running","exit_with_pinned_rust_threads"),
  ("Swift: foreign async methods that finish at once (values, errors, awaiting Rust in turn), no thread hop","foreign_async_method_done_at_once"),
  ("Kotlin: a foreign `suspend` method starts on the polling Kotlin thread, on a Rust thread it is dispatched","foreign_async_start_thread")]),
 "external": ("External types and renames (fixture `external`)", [
  ("a record from a second crate","external_records"),("an enum from a second crate","external_enums"),
  ("a custom type from a second crate","external_custom_types"),("external types through an async fn","external_async"),
  ("renames from `uniffi.toml` (record, field, function)","renames")]),
 "queue": ("A crate exporting the native continuation queue (fixture `queue`, `uniffi-async-runtime`)", [
  ("JS: the bindings use the native queue","native_path_active"),
  ("Python: the bindings use the native queue","native_path_active"),
  ("ready on first poll","queue_ready"),("woken from a Rust thread","queue_woken"),
  ("1000 concurrent futures woken from one Rust thread","queue_concurrent_woken_1000|queue_concurrent_woken_"),
  ("woken by a sync call on the driving thread, outside any poll",
   "queue_woken_on_js_thread_outside_poll|queue_woken_on_loop_thread_outside_poll|queue_woken_on_caller_thread_outside_poll"),
  ("cancellation","queue_cancel"),("Rust awaits a foreign async method","queue_foreign_future"),
  ("JS: one queue per worker thread","queue_per_worker_thread"),
  ("Python: one queue per loop thread; many loops, loops moving between threads","queue_per_loop_thread"),
  ("JS: workers cannot re-register the process-wide callback vtables (clear error)","worker_callbacks_refused"),
  ("JS: fallback to the koffi continuation when switched off","fallback_without_queue"),
  ("Python: fallback to the ctypes continuation when switched off","fallback_without_queue")]),
 "streams": ("Async streams, Rust to the language (fixture `streams`, `[bindings.async] streams`)", [
  ("a finite stream, natively iterated","finite"),("an endless stream, left with `break`","infinite_with_break"),
  ("items of several types: String, a record, an object","items_of_several_types"),
  ("an error midway, thrown into the consumer","error_midway"),("items sent by a Rust thread","from_rust_thread"),
  ("cancelling the consumer drops the pending Rust `next` (observed from Rust)","cancel_drops_pending_next"),
  ("closing the object drops the Rust stream (observed from Rust)","close_drops_the_stream"),
  ("a stream method with another name (`tick`)","renamed_method"),("1000 concurrent streams","concurrent_1000"),
  ("Kotlin: a Flow is collected once","flow_collected_twice_throws"),
  ("Swift: an infallible stream iterates without `try`","non_throwing_iteration")]),
}
out = ["# Features by language", "",
 "Generated by `python3 scripts/features-table.py` from the test programs in",
 "`fixtures/<fixture>/tests/<language>/`: a cell names the test that shows the feature, run by",
 "`cargo xtask test` against the real runtime; a blank cell has no test yet (the generator refuses",
 "what a backend does not support, naming the item). Strict checkers run on every fixture:",
 "`mypy --strict` + `ruff check` (Python), `kotlinc -Werror` (Kotlin), `swiftc -swift-version 6",
 "-warnings-as-errors` (Swift), `tsc --strict --noEmit` (JS).", ""]
# Status: a language is complete when every row that is not specific to another language
# ("Python: ...", "JS: ...") has a test, except the JS blocking twin, absent by design.
status = []
for i, l in enumerate(langs):
    missing = []
    for fx, (title, rows) in tables.items():
        got = names(fx, l)
        for d, n in rows:
            prefix = d.split(":")[0]
            if prefix in ("Python", "Kotlin", "Swift", "JS") and prefix.lower() != {"js": "js"}.get(l, l):
                continue
            if l == "js" and n == "blocking_twin":
                continue
            if not any(a in got for a in n.split("|")):
                missing.append(f"{fx}/{n}")
    label = ["Python", "Kotlin", "Swift", "JS"][i]
    status.append(f"- {label}: " + ("complete (every row has a test)" if not missing else "missing " + ", ".join(missing)))
out += ["## Status", ""] + status + [""]
for fx, (title, rows) in tables.items():
    got = {l: names(fx, l) for l in langs}
    out += [f"## {title}", "", "| feature | Python | Kotlin | Swift | JS |", "|---|---|---|---|---|"]
    for d, n in rows:
        prefix = d.split(":")[0]
        only = {"Python": "python", "Kotlin": "kotlin", "Swift": "swift", "JS": "js"}.get(prefix)
        # A name ending in `_` stands for tests named in a loop (`..._1000`, `..._4000`, ...).
        cells = [next((f"`{a}<n>`" if a.endswith("_") else f"`{a}`" for a in n.split("|") if a in got[l]), "")
                 if only in (None, l) else "" for l in langs]
        out.append(f"| {d} | " + " | ".join(cells) + " |")
    out.append("")
# Upstream's own test programs (`cargo xtask peer`, `cargo xtask peer-js`): from the runner's
# results file when given (or present in target/), otherwise the section already in the doc.
doc = os.path.join(root, "docs", "features.md")
results = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "target", "peer", "results.tsv")
peer = []
if os.path.exists(results):
    rows = [l.rstrip("\n").split("\t") for l in open(results) if l.strip()]
    peer = ["## Upstream's own test programs (peer suite)", "",
            "Generated from `cargo xtask peer` / `cargo xtask peer-js` results: upstream UniFFI 0.32's",
            "fixture and example test programs, unchanged, against our bindings (only programs upstream's",
            "own generator passes on this machine count). JS has no upstream programs: its row counts",
            "peer crates whose bindings load in Node and pass `tsc --strict`, plus our own programs for",
            "upstream's futures, coverall and callbacks scenarios. Failing programs are listed with their",
            "cause in `xtask/peer-known-failures.tsv`.", "",
            "| language | passed | of | failing |", "|---|---|---|---|"]
    for l in langs:
        mine = [r for r in rows if r[0] == l]
        if not mine: continue
        ok = [r for r in mine if r[2] == "PASS"]
        bad = ", ".join(f"`{r[1]}`" for r in mine if r[2] != "PASS")
        peer.append(f"| {l} | {len(ok)} | {len(mine)} | {bad} |")
    peer.append("")
elif os.path.exists(doc):
    text = open(doc).read()
    start = text.find("## Upstream's own test programs")
    if start >= 0:
        peer = text[start:].rstrip("\n").split("\n") + [""]
out += peer
open(doc, "w").write("\n".join(out))
