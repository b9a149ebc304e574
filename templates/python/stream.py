{#- A stream object (`[bindings.async] streams`; `s`: a PyStream), included in its class body:
    the object is its own async iterator (`async for item in stream`). `__anext__` awaits the
    stream method; `None`, an error of the method, or `aclose()` ends the iteration (later calls
    raise `StopAsyncIteration`). Cancelling the awaiting task cancels the pending call, which
    drops its Rust future, and does not end the iteration. #}

    _uniffi_stream_ended: _uniffi_bool = False

    def __aiter__(self) -> typing.Self:
        """`async for item in stream`: the object is its own async iterator over `{{ s.next }}()`."""
        return self

    async def __anext__(self) -> {{ s.item }}:
        """The next item of `{{ s.next }}()`, whose error{% if let Some(e) = s.throws %} (`{{ e }}`){% endif %} is raised here.
        Once it returned `None` or raised, or after `aclose()`, raises `StopAsyncIteration`.
        Cancelling the awaiting task cancels the pending call (its Rust future is dropped)."""
        if self._uniffi_stream_ended:
            raise _uniffi_StopAsyncIteration
        try:
            _uniffi_item = await self.{{ s.next }}()
        except _uniffi_Exception:
            self._uniffi_stream_ended = True
            raise
        if _uniffi_item is None:
            self._uniffi_stream_ended = True
            raise _uniffi_StopAsyncIteration
        return _uniffi_item

    async def aclose(self) -> None:
        """Ends the iteration and releases the Rust object now, like `close()` (idempotent);
        later `__anext__` calls raise `StopAsyncIteration`."""
        self._uniffi_stream_ended = True
        self._uniffi_finalizer()
