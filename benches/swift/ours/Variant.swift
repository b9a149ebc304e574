// What differs for our bindings: async fns are `async throws`; no callback interfaces yet;
// `blockingNoop` is offloaded by the bindings (`[bindings.async] offload`).

func callReady() async { _ = try? await asyncReady() }
func callWoken() async { _ = try? await asyncWoken() }
func callString(_ s: String) async { _ = try? await asyncString(s: s) }
func callWaitForever() async { try? await waitForever() }
func offloadCall() async { _ = try? await blockingNoop() }
let cancelsRustFutures = true
func liveHandles() -> String { String(uniffiPendingPollCountBenchfix()) }

func callbackScenarios() async {
    na("foreign_async_awaited_by_rust", "n/a_(callback_interfaces_not_yet_supported)")
    na("sync_callback_from_rust_thread", "n/a_(callback_interfaces_not_yet_supported)")
}
