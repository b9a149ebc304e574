// What differs for upstream's bindings: callback interfaces exist; there is no `offload`, so the
// blocking call is wrapped the standard way (`withContext(Dispatchers.IO)`); no streams: Rust
// drains a hand-written `CountSource` (a counter) instead of a Flow.

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import uniffi.benchfix.*

class Source : AsyncSource {
    override suspend fun value(): UInt = 1u
}

class Ticker : Tick {
    override fun tick(x: UInt): UInt = x
}

suspend fun callbackScenarios() {
    val src = Source()
    val ticker = Ticker()
    val per = 100
    benchAsync("foreign_async_awaited_by_rust", nOf(200), per = per) { check(awaitForeign(src, per.toUInt()) == per.toUInt()) }
    benchSync("sync_callback_from_rust_thread", nOf(2_000), per = per) { check(tickFromThread(ticker, per.toUInt()) == (per * (per - 1) / 2).toUInt()) }
}

suspend fun offloadCall() {
    withContext(Dispatchers.IO) { blockingNoop() }
}

fun liveHandles(): String = "n/a"

fun streamScenario() = na("stream_100k", "n/a_(upstream_has_no_streams)")

/** A hand-written [CountSource]: 0, 1, ... `items - 1`, then null. */
class Counter(private val items: Int) : CountSource {
    private val taken = java.util.concurrent.atomic.AtomicInteger(0)

    override suspend fun next(): UInt? {
        val i = taken.getAndIncrement()
        return if (i < items) i.toUInt() else null
    }
}

suspend fun streamReverseScenario() {
    val items = streamItems()
    benchAsync("stream_reverse_100k", 1, per = items) {
        check(drainSource(Counter(items)) == items.toUInt()) { "drained a wrong count" }
    }
}
