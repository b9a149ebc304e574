// Benchmark program for Swift: compiled twice (-O) — against our bindings with `ours/Variant.swift`
// and against upstream's with `upstream/Variant.swift` — and run for ours, upstream and, from the
// first binary, the floor (a raw C call, a plain async call, a dispatch-queue hop, a raw C callback
// from a Rust thread). Prints:
//   ROW <scenario> <median_ns> <min_ns> <max_ns> | NA <scenario> <reason> | MEM <key> <value>
// Usage: bench IMPL QUICK(0|1)

import Dispatch
import Foundation

let impl = CommandLine.arguments[1]
let quick = CommandLine.arguments[2] == "1"
let batches = quick ? 3 : 9
let warmup = quick ? 1 : 2
let concurrentCount = 1000
let string100 = String(repeating: "x", count: 100)

func nOf(_ full: Int) -> Int { max(1, Int(Double(full) * (quick ? 0.02 : 1.0))) }

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func report(_ name: String, _ perBatch: [Double]) {
    let s = perBatch.sorted()
    print("ROW \(name) \(String(format: "%.1f", s[s.count / 2])) \(String(format: "%.1f", s[0])) \(String(format: "%.1f", s[s.count - 1]))")
}

func na(_ name: String, _ reason: String) { print("NA \(name) \(reason)") }

func benchSync(_ name: String, _ n: Int, per: Int = 1, _ fn: () -> Void) {
    var results: [Double] = []
    for b in 0..<(warmup + batches) {
        let t0 = now()
        for _ in 0..<n { fn() }
        let dt = Double(now() - t0)
        if b >= warmup { results.append(dt / Double(n * per)) }
    }
    report(name, results)
}

func benchAsync(_ name: String, _ n: Int, concurrent: Bool = false, per: Int = 1,
                _ make: @escaping @Sendable () async -> Void) async {
    var results: [Double] = []
    for b in 0..<(warmup + batches) {
        let t0 = now()
        if concurrent {
            for _ in 0..<n {
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<concurrentCount { group.addTask { await make() } }
                }
            }
        } else {
            for _ in 0..<n { await make() }
        }
        let calls = concurrent ? n * concurrentCount : n
        let dt = Double(now() - t0)
        if b >= warmup { results.append(dt / Double(calls * per)) }
    }
    report(name, results)
}

func rssKb() -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "0 0"
    return (Int(text.split(separator: " ")[1]) ?? 0) * 4
}

func bindings() async {
    benchSync("sync_noop", nOf(200_000)) { noop() }
    benchSync("sync_add", nOf(200_000)) { _ = add(a: 1, b: 2) }
    await benchAsync("async_ready", nOf(20_000)) { await callReady() }
    await benchAsync("async_woken", nOf(5_000)) { await callWoken() }
    await benchAsync("concurrent_ready_1000", nOf(20), concurrent: true) { await callReady() }
    await benchAsync("concurrent_woken_1000", nOf(10), concurrent: true) { await callWoken() }
    await benchAsync("async_string_100", nOf(20_000)) { await callString(string100) }
    await callbackScenarios()
    await benchAsync("offload_blocking_call", nOf(5_000)) { await offloadCall() }
    await streamScenario()
    await memory()
}

func memory() async {
    let calls = quick ? 10_000 : 1_000_000
    let cancels = quick ? 1_000 : 10_000
    func roundOfCalls(_ k: Int) async {
        for _ in 0..<(k / 2) { await callReady() }
        for _ in 0..<(k / 200) {
            await withTaskGroup(of: Void.self) { g in for _ in 0..<100 { g.addTask { await callWoken() } } }
        }
    }
    func roundOfCancels(_ k: Int) async {
        for _ in 0..<max(1, k / 1000) {
            let tasks = (0..<min(k, 1000)).map { _ in Task { await callWaitForever() } }
            await Task.yield()
            try? await Task.sleep(nanoseconds: 1_000_000)
            for t in tasks { t.cancel() }
            for t in tasks { await t.value }
        }
    }
    await roundOfCalls(2_000)
    if cancelsRustFutures { await roundOfCancels(1_000) }
    let base = rssKb()
    let t0 = now()
    await roundOfCalls(calls)
    if cancelsRustFutures { await roundOfCancels(cancels) }
    try? await Task.sleep(nanoseconds: 50_000_000)
    print("MEM calls \(calls)")
    print("MEM cancellations \(cancelsRustFutures ? String(cancels) : "n/a_(Task.cancel()_does_not_reach_the_Rust_future)")")
    print("MEM seconds \(String(format: "%.1f", Double(now() - t0) / 1e9))")
    print("MEM live_rust_futures \(liveFutures())")
    print("MEM live_handles \(liveHandles())")
    print("MEM rss_growth_kb \(rssKb() - base)")
}

@_silgen_name("benchfix_raw_noop") func rawNoop()
@_silgen_name("uniffi_benchfix_fn_func_add")
func rawAdd(_ a: UInt32, _ b: UInt32, _ status: UnsafeMutableRawPointer) -> UInt32

@_silgen_name("benchfix_raw_tick_from_thread")
func rawTickFromThread(_ cb: @convention(c) (UInt32) -> UInt32, _ n: UInt32) -> UInt32

/// The floor's callback: a plain C function pointer, returning its argument like `Ticker.tick`.
func rawTick(_ x: UInt32) -> UInt32 { x }

@inline(never) func readyFloor() async -> UInt32 { 7 }

let hopQueue = DispatchQueue(label: "hop")

func wokenFloor() async -> UInt32 {
    await withCheckedContinuation { (c: CheckedContinuation<UInt32, Never>) in hopQueue.async { c.resume(returning: 7) } }
}

func floor() async {
    let status = UnsafeMutableRawPointer.allocate(byteCount: 32, alignment: 8)
    benchSync("sync_noop", nOf(200_000)) { rawNoop() }
    benchSync("sync_add", nOf(200_000)) { _ = rawAdd(1, 2, status) }
    await benchAsync("async_ready", nOf(20_000)) { _ = await readyFloor() }
    await benchAsync("async_woken", nOf(5_000)) { _ = await wokenFloor() }
    await benchAsync("concurrent_ready_1000", nOf(20), concurrent: true) { _ = await readyFloor() }
    await benchAsync("concurrent_woken_1000", nOf(10), concurrent: true) { _ = await wokenFloor() }
    await benchAsync("async_string_100", nOf(20_000)) { _ = await readyFloor() }
    na("foreign_async_awaited_by_rust", "-")
    let per = 100
    benchSync("sync_callback_from_rust_thread", nOf(2_000), per: per) {
        precondition(rawTickFromThread(rawTick, UInt32(per)) == UInt32(per * (per - 1) / 2))
    }
    await benchAsync("offload_blocking_call", nOf(5_000)) {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { rawNoop(); c.resume() }
        }
    }
    // The native async iteration floor: an AsyncStream of `streamItems()` ints (yielded by its
    // build closure, inside the measured batch), consumed with `for await`.
    let items = streamItems()
    let native: @Sendable () async -> Void = {
        var total = 0
        for await x in nativeStream(items) { total += Int(x) }
        checkStreamSum(total, items)
    }
    await benchAsync("stream_100k", 1, per: items, native)
    // The reverse row's floor is the same native iteration.
    await benchAsync("stream_reverse_100k", 1, per: items, native)
}

/// The native stream of both stream rows: `0..<items`, yielded by its build closure (inside the
/// measured batch).
func nativeStream(_ items: Int) -> AsyncStream<UInt32> {
    AsyncStream<UInt32> { c in
        for i in 0..<items { c.yield(UInt32(i)) }
        c.finish()
    }
}

/// Items per batch of the stream row (one stream per batch; reported per item).
func streamItems() -> Int { nOf(100_000) }

func checkStreamSum(_ total: Int, _ items: Int) {
    precondition(total == items * (items - 1) / 2, "stream sum \(total)")
}

if impl == "floor" { await floor() } else { await bindings() }
fflush(stdout)
exit(0)
