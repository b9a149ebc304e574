// Benchmark program for Kotlin/JVM: compiled once against our bindings (with `ours/Variant.kt`)
// and once against upstream's (with `upstream/Variant.kt`); the first jar also runs the floor
// (JNA direct-mapped raw calls, a plain JNA callback from a Rust thread, a plain suspend call, a
// thread hop). Prints one line per scenario:
//   ROW <scenario> <median_ns> <min_ns> <max_ns> | NA <scenario> <reason> | MEM <key> <value>
// Usage: java ... BenchKt IMPL QUICK(0|1)

import com.sun.jna.Callback
import com.sun.jna.Memory
import com.sun.jna.Native
import com.sun.jna.Pointer
import kotlinx.coroutines.*
import kotlinx.coroutines.flow.flow
import java.util.concurrent.Executors
import kotlin.coroutines.resume
import uniffi.benchfix.*

var quick = false
val batches get() = if (quick) 3 else 9
val warmup get() = if (quick) 1 else 2
fun nOf(full: Int): Int = maxOf(1, (full * (if (quick) 0.02 else 1.0)).toInt())
const val CONCURRENT = 1000
val STRING = "x".repeat(100)

fun report(name: String, perBatch: List<Double>) {
    val s = perBatch.sorted()
    println("ROW $name ${"%.1f".format(s[s.size / 2])} ${"%.1f".format(s.first())} ${"%.1f".format(s.last())}")
}

fun na(name: String, reason: String) = println("NA $name $reason")

inline fun benchSync(name: String, n: Int, per: Int = 1, fn: () -> Unit) {
    val results = ArrayList<Double>()
    for (b in 0 until warmup + batches) {
        val t0 = System.nanoTime()
        for (i in 0 until n) fn()
        val dt = System.nanoTime() - t0
        if (b >= warmup) results.add(dt.toDouble() / (n.toLong() * per))
    }
    report(name, results)
}

suspend fun benchAsync(name: String, n: Int, concurrent: Boolean = false, per: Int = 1, make: suspend () -> Unit) {
    val results = ArrayList<Double>()
    for (b in 0 until warmup + batches) {
        val t0 = System.nanoTime()
        if (concurrent) {
            for (i in 0 until n) coroutineScope { List(CONCURRENT) { async { make() } }.awaitAll() }
        } else {
            for (i in 0 until n) make()
        }
        val calls = if (concurrent) n.toLong() * CONCURRENT else n.toLong()
        val dt = System.nanoTime() - t0
        if (b >= warmup) results.add(dt.toDouble() / (calls * per))
    }
    report(name, results)
}

fun rssKb(): Long = java.io.File("/proc/self/statm").readText().split(" ")[1].toLong() * 4

suspend fun bindings() {
    benchSync("sync_noop", nOf(200_000)) { noop() }
    benchSync("sync_add", nOf(200_000)) { add(1u, 2u) }
    benchAsync("async_ready", nOf(20_000)) { asyncReady() }
    benchAsync("async_woken", nOf(5_000)) { asyncWoken() }
    benchAsync("concurrent_ready_1000", nOf(20), concurrent = true) { asyncReady() }
    benchAsync("concurrent_woken_1000", nOf(10), concurrent = true) { asyncWoken() }
    benchAsync("async_string_100", nOf(20_000)) { asyncString(STRING) }
    callbackScenarios()
    benchAsync("offload_blocking_call", nOf(5_000)) { offloadCall() }
    streamScenario()
    streamReverseScenario()
    memory()
}

suspend fun memory() = coroutineScope {
    val calls = if (quick) 10_000 else 1_000_000
    val cancels = if (quick) 1_000 else 10_000
    suspend fun roundOfCalls(k: Int) {
        repeat(k / 2) { asyncReady() }
        repeat(k / 200) { coroutineScope { List(100) { async { asyncWoken() } }.awaitAll() } }
    }
    suspend fun roundOfCancels(k: Int) {
        repeat(maxOf(1, k / 1000)) {
            val jobs = List(minOf(k, 1000)) { launch { waitForever() } }
            yield()
            jobs.forEach { it.cancel() }
            jobs.joinAll()
        }
    }
    roundOfCalls(2_000)
    roundOfCancels(1_000)
    System.gc()
    val base = rssKb()
    val t0 = System.nanoTime()
    roundOfCalls(calls)
    roundOfCancels(cancels)
    delay(50)
    System.gc()
    println("MEM calls $calls")
    println("MEM cancellations $cancels")
    println("MEM seconds ${"%.1f".format((System.nanoTime() - t0) / 1e9)}")
    println("MEM live_rust_futures ${liveFutures()}")
    println("MEM live_handles ${liveHandles()}")
    println("MEM rss_growth_kb ${rssKb() - base}")
}

/** `extern "C" fn(u32) -> u32`, as a hand-written JNA binding declares it: a plain [Callback]. */
fun interface RawTick : Callback {
    fun invoke(x: Int): Int
}

/** The raw C symbols, JNA direct-mapped (`Native.register`), callback parameter included. */
object Raw {
    init { Native.register("benchfix") }
    @JvmStatic external fun benchfix_raw_noop()
    @JvmStatic external fun uniffi_benchfix_fn_func_add(a: Int, b: Int, status: Pointer): Int
    @JvmStatic external fun benchfix_raw_tick_from_thread(cb: RawTick, n: Int): Int
}

suspend fun readyFloor(): Int = 7

suspend fun floor() {
    val status = Memory(32)
    benchSync("sync_noop", nOf(200_000)) { Raw.benchfix_raw_noop() }
    benchSync("sync_add", nOf(200_000)) { Raw.uniffi_benchfix_fn_func_add(1, 2, status) }
    val hop = Executors.newSingleThreadExecutor { r -> Thread(r).apply { isDaemon = true } }
    val woken: suspend () -> Unit = { suspendCancellableCoroutine<Int> { c -> hop.execute { c.resume(7) } } }
    benchAsync("async_ready", nOf(20_000)) { readyFloor() }
    benchAsync("async_woken", nOf(5_000), make = woken)
    benchAsync("concurrent_ready_1000", nOf(20), concurrent = true) { readyFloor() }
    benchAsync("concurrent_woken_1000", nOf(10), concurrent = true, make = woken)
    benchAsync("async_string_100", nOf(20_000)) { readyFloor() }
    na("foreign_async_awaited_by_rust", "-")
    // JNA's defaults: the Rust thread is attached to the JVM and detached around every call.
    val rawTick = RawTick { x -> x }
    val per = 100
    benchSync("sync_callback_from_rust_thread", nOf(2_000), per = per) {
        check(Raw.benchfix_raw_tick_from_thread(rawTick, per) == per * (per - 1) / 2)
    }
    benchAsync("offload_blocking_call", nOf(5_000)) { withContext(Dispatchers.IO) { Raw.benchfix_raw_noop() } }
    // The native async iteration floor: a `flow { }` emitting STREAM_ITEMS ints, collected (for
    // both directions: Rust consuming a Kotlin stream has the same floor).
    val items = streamItems()
    for (row in listOf("stream_100k", "stream_reverse_100k")) {
        benchAsync(row, 1, per = items) {
            var total = 0L
            flow { for (i in 0 until items) emit(i) }.collect { total += it }
            checkStreamSum(total, items)
        }
    }
}

/** Items per batch of the stream row (one stream per batch; reported per item). */
fun streamItems(): Int = nOf(100_000)

fun checkStreamSum(total: Long, items: Int) = check(total == items.toLong() * (items - 1) / 2) { "stream sum $total" }

fun main(args: Array<String>) {
    quick = args[1] == "1"
    runBlocking { if (args[0] == "floor") floor() else bindings() }
    System.out.flush()
    Runtime.getRuntime().halt(0)
}
