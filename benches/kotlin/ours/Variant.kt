// What differs for our bindings: no callback interfaces yet; `blockingNoop` is offloaded by the
// bindings themselves (`[bindings.async] offload`).

import uniffi.benchfix.*

fun callbackScenarios() {
    na("foreign_async_awaited_by_rust", "n/a_(callback_interfaces_not_yet_supported)")
    na("sync_callback_from_rust_thread", "n/a_(callback_interfaces_not_yet_supported)")
}

suspend fun offloadCall() {
    blockingNoop()
}

fun liveHandles(): String = "n/a"
