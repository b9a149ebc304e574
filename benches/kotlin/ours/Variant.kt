// What differs for our bindings: `blockingNoop` is offloaded by the bindings themselves
// (`[bindings.async] offload`), they expose counts of pending polls and live foreign handles, and
// `CountStream` is a native stream (`[bindings.async] streams`: `asFlow()`), and a Flow becomes a
// `CountSource` through `asCountSource()`.

import kotlinx.coroutines.flow.flow
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
    blockingNoop()
}

fun liveHandles(): String = (uniffiLivePolls() + uniffiLiveForeignHandles()).toString()

suspend fun streamScenario() {
    val items = streamItems()
    benchAsync("stream_100k", 1, per = items) {
        var total = 0L
        countStream(items.toUInt()).use { s -> s.asFlow().collect { total += it.toLong() } }
        checkStreamSum(total, items)
    }
}

suspend fun streamReverseScenario() {
    val items = streamItems()
    benchAsync("stream_reverse_100k", 1, per = items) {
        val source = flow { for (i in 0 until items) emit(i.toUInt()) }.asCountSource()
        check(drainSource(source) == items.toUInt()) { "drained a wrong count" }
    }
}
