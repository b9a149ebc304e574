// What differs for upstream's bindings: callback interfaces exist; there is no `offload`, so the
// blocking call is wrapped the standard way (a continuation resumed from a global queue); no
// streams.

import Dispatch
import Foundation

func callReady() async { _ = await asyncReady() }
func callWoken() async { _ = await asyncWoken() }
func callString(_ s: String) async { _ = await asyncString(s: s) }
func callWaitForever() async { await waitForever() }
func offloadCall() async {
    await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().async { _ = blockingNoop(); c.resume() }
    }
}
/// Upstream's Swift bindings ignore Task cancellation for Rust futures (an awaited
/// `waitForever()` never returns), so the leak check skips cancellations.
let cancelsRustFutures = false
func liveHandles() -> String { "n/a" }

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
        let sum = await awaitForeign(src: src, n: UInt32(per))
        precondition(sum == UInt32(per))
    }
    benchSync("sync_callback_from_rust_thread", nOf(2_000), per: per) {
        precondition(tickFromThread(cb: ticker, n: UInt32(per)) == UInt32(per * (per - 1) / 2))
    }
}

/// A hand-written `CountSource`: `0..<count`, from a counter of its own.
final class CountingSource: CountSource, @unchecked Sendable {
    // @unchecked Sendable: `taken` is only touched while holding `lock`.
    private let lock = NSLock()
    private var taken = 0
    private let count: Int

    init(count: Int) {
        self.count = count
    }

    func next() async -> UInt32? {
        lock.withLock {
            guard taken < count else { return nil }
            taken += 1
            return UInt32(taken - 1)
        }
    }
}

func streamScenario() async {
    na("stream_100k", "n/a_(upstream_has_no_streams)")
    let items = streamItems()
    await benchAsync("stream_reverse_100k", 1, per: items) {
        let n = await drainSource(src: CountingSource(count: items))
        precondition(n == UInt32(items), "drainSource returned \(n)")
    }
}
