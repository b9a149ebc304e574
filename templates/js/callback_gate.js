{#- The runtime crate's callback gate (included by handles.js): native shims in front of the
    vtables' koffi callbacks, so a Rust thread calling JS while the JS thread is blocked in a
    sync call into Rust fails the callback instead of waiting forever. #}

/**
 * koffi relays a callback called from a Rust thread to the JS thread and blocks that Rust thread
 * until JS ran it. If the JS thread is inside a synchronous call into Rust that waits for that
 * Rust thread, neither ever continues. The optional `uniffi-async-runtime` crate
 * (`export_continuation_queue!`) exports shims the vtables hold instead of koffi's callbacks:
 * called from a Rust thread while the JS thread stays inside the same sync call for 500 ms, a
 * sync method fails with an unexpected error naming the cause and the fix (`offload` that call),
 * and `uniffi_free` is deferred until the sync call returns. Otherwise they forward to koffi.
 * Without the crate, on other platforms (the shims need x86_64 outside Windows), or with
 * `{{ v.gate_env_var }}=0`, the vtables hold koffi's callbacks and that case hangs (docs/js.md).
 */
if (uniffiOwnsVTables) {
  uniffiGate = (() => {
    // The shims exist for x86_64's System V convention only.
    if (process.env.{{ v.gate_env_var }} === '0' || process.arch !== 'x64' || process.platform === 'win32') {
      return undefined;
    }
    try {
      if (uniffiLib.func('{{ v.queue_prefix }}version', 'uint32_t', [])() !== 1) {
        return undefined;
      }
      const words = uniffiLib.func('{{ v.queue_prefix }}gate_init', 'void *', [])();
      return {
        words: new Uint32Array(koffi.view(words, 8)),
        shim: uniffiLib.func('{{ v.queue_prefix }}gate_shim', 'uint32_t', ['void *', 'uint8_t', 'uint32_t', 'const char *']),
        address: uniffiLib.func('{{ v.queue_prefix }}gate_address', 'void *', ['uint32_t']),
        deferred: uniffiLib.func('{{ v.queue_prefix }}gate_deferred', 'uint32_t', [koffi.out(koffi.pointer('uint64_t'))]),
        frees: new Map(),
      };
    } catch {
      return undefined;
    }
  })();
}

/**
 * Where the last argument (the call status) of a C call with these `classes` is passed on
 * x86_64 System V: the index of its integer register (6 of them), or 6 + its stack eightbyte.
 */
function uniffiGateStatusIndex(classes) {
  const ints = 6;
  let [int, float, stack, at] = [0, 0, 0, -1];
  for (const c of classes) {
    if (c === 'f') {
      if (float < 8) {
        float += 1;
      } else {
        stack += 1;
      }
    } else if (c === 'b') {
      // A RustBuffer by value (24 bytes) is passed on the stack, in three eightbytes.
      stack += 3;
    } else {
      at = int < ints ? int++ : ints + stack++;
    }
  }
  // The shims forward 16 stack eightbytes.
  return at < ints + 16 ? at : -1;
}

/** The shim of a sync method (`ptr`, named `name` in messages), or `ptr` itself. */
function uniffiGateMethod(ptr, name, classes) {
  if (uniffiGate === undefined) {
    return ptr;
  }
  const status = uniffiGateStatusIndex(classes);
  const slot = status < 0 ? 0 : uniffiGate.shim(ptr, 1, status, name);
  return slot === 0 ? ptr : uniffiGate.address(slot);
}

/** The shim of a vtable's `uniffi_free` (`ptr`, over `handles`), or `ptr` itself. */
function uniffiGateFree(ptr, handles) {
  if (uniffiGate === undefined) {
    return ptr;
  }
  const slot = uniffiGate.shim(ptr, 2, 0, `${handles.name} free`);
  if (slot === 0) {
    return ptr;
  }
  uniffiGate.frees.set(slot, handles);
  return uniffiGate.address(slot);
}

/** Runs the frees the shims deferred while this thread was in a sync call. */
function uniffiGateRunDeferred() {
  const out = [0n];
  for (let slot = uniffiGate.deferred(out); slot !== 0; slot = uniffiGate.deferred(out)) {
    uniffiGate.frees.get(slot)?.free(out[0]);
  }
}
