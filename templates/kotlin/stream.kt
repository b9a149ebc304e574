{#- `[bindings.async] streams`: the stream object's `asFlow()`, a single-use Flow calling its
    stream method until `null` (object.kt includes it in the class body). #}
    /**
     * The items of [{{ s.next }}] as a [kotlinx.coroutines.flow.Flow]: collecting it calls
     * [{{ s.next }}] again and again, emitting each item, and completes when it returns `null`.
     *
     * The flow can be collected once, like `consumeAsFlow()`: a second collection throws
     * [IllegalStateException] (call `asFlow()` again for another view of the same stream).
     * Cancelling the collector cancels the pending [{{ s.next }}] call, which drops its Rust
     * future.
{%- if let Some(e) = s.throws %} An error of [{{ s.next }}] is thrown into the collector as [{{ e }}].
{%- endif %}
     * This object stays open: close it when done.
     */
    fun asFlow(): kotlinx.coroutines.flow.Flow<{{ s.item }}> {
        val uniffiCollected = AtomicBoolean(false)
        return kotlinx.coroutines.flow.flow {
            if (!uniffiCollected.compareAndSet(false, true)) {
                throw IllegalStateException("this asFlow() Flow of {{ o.name }} was already collected")
            }
            while (true) {
                val uniffiItem = this@{{ o.name }}.{{ s.next }}() ?: break
                this.emit(uniffiItem)
            }
        }
    }
