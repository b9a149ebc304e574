// What differs for our bindings: async fns and foreign async methods are `async throws`;
// `blockingNoop` is offloaded by the bindings (`[bindings.async] offload`); they expose counts of
// pending polls and live foreign handles; `CountStream` is an `AsyncSequence` (`streams`), and
// `CountSource` has an adapter from any `AsyncSequence` (`asCountSource()`).

func callReady() async { _ = try? await asyncReady() }
func callWoken() async { _ = try? await asyncWoken() }
func callString(_ s: String) async { _ = try? await asyncString(s: s) }
func callWaitForever() async { try? await waitForever() }
func offloadCall() async { _ = try? await blockingNoop() }
let cancelsRustFutures = true
func liveHandles() -> String { String(uniffiPendingPollCountBenchfix() + uniffiLiveHandleCountBenchfix()) }

final class Source: AsyncSource, @unchecked Sendable {
    func value() async -> UInt32 { 1 }
}

final class Ticker: Tick, @unchecked Sendable {
    func tick(x: UInt32) -> UInt32 { x }
}

func callbackScenarios() async {
    let src = Source()
    let ticker = Ticker()
    let per = 100
    await benchAsync("foreign_async_awaited_by_rust", nOf(200), per: per) {
        let sum = try? await awaitForeign(src: src, n: UInt32(per))
        precondition(sum == UInt32(per), "awaitForeign returned \(String(describing: sum))")
    }
    benchSync("sync_callback_from_rust_thread", nOf(2_000), per: per) {
        precondition(tickFromThread(cb: ticker, n: UInt32(per)) == UInt32(per * (per - 1) / 2))
    }
}

func streamScenario() async {
    let items = streamItems()
    await benchAsync("stream_100k", 1, per: items) {
        var total = 0
        for await x in countStream(n: UInt32(items)) { total += Int(x) }
        checkStreamSum(total, items)
    }
    await benchAsync("stream_reverse_100k", 1, per: items) {
        let n = try? await drainSource(src: nativeStream(items).asCountSource())
        precondition(n == UInt32(items), "drainSource returned \(String(describing: n))")
    }
}
