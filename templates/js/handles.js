{#- Handles: JS instances over Rust objects (identity per handle, explicit and automatic
    freeing), and the maps of JS objects Rust holds (callback interfaces, foreign traits). #}
// ---- handles: Rust objects in JS, JS objects in Rust ----------------------------------
{%- if !v.objects.is_empty() %}

/** The Rust handle of an instance (`undefined` once destroyed). */
const UNIFFI_HANDLE = Symbol('uniffi.handle');

/**
 * Makes instances of one class from Rust handles. Rust hands out the same handle for the same
 * `Arc`, so a weak map from handle to instance keeps identity: lifting a handle that already
 * has a live instance releases the extra reference and returns that instance. Instances are
 * freed by `destroy()` or, failing that, when garbage-collected (FinalizationRegistry).
 */
class UniffiObjectFactory {
  constructor(cls, clone, free, isError) {
    this.cls = cls;
    this.clone = clone;
    this.free = free;
    this.isError = isError;
    /** Handle (bigint) -> WeakRef of its instance. */
    this.live = new Map();
    this.registry = new FinalizationRegistry((handle) => this.finalize(handle));
  }

  /** An instance owning `handle` (an owned reference Rust passed us). */
  lift(raw) {
    const handle = BigInt(raw);
    const existing = this.live.get(handle)?.deref();
    if (existing !== undefined) {
      this.release(handle);
      return existing;
    }
    const instance = this.isError ? Reflect.construct(Error, [], this.cls) : Object.create(this.cls.prototype);
    this.adopt(instance, handle);
    return instance;
  }

  /** Binds `instance` to `handle` (constructors and `lift`). */
  adopt(instance, raw) {
    const handle = BigInt(raw);
    instance[UNIFFI_HANDLE] = handle;
    this.live.set(handle, new WeakRef(instance));
    this.registry.register(instance, handle, instance);
    if (this.isError) {
      instance.name = this.cls.name;
      instance.message = instance.toString === Error.prototype.toString ? '' : instance.toString();
    }
  }

  /** A new reference to the instance's Rust object, for Rust to consume. */
  cloneHandle(instance) {
    const handle = instance[UNIFFI_HANDLE];
    if (handle === undefined) {
      throw new TypeError(`this ${this.cls.name} was destroyed`);
    }
    return uniffiRustCall((status) => this.clone(handle, status));
  }

  /** Frees the instance's reference now; later calls on it throw a TypeError. */
  destroy(instance) {
    const handle = instance[UNIFFI_HANDLE];
    if (handle === undefined) {
      return;
    }
    instance[UNIFFI_HANDLE] = undefined;
    this.registry.unregister(instance);
    if (this.live.get(handle)?.deref() === instance) {
      this.live.delete(handle);
    }
    this.release(handle);
  }

  /** The instance of `handle` was garbage-collected without `destroy()`. */
  finalize(handle) {
    const ref = this.live.get(handle);
    if (ref !== undefined && ref.deref() === undefined) {
      this.live.delete(handle);
    }
    this.release(handle);
  }

  release(handle) {
    uniffiRustCall((status) => this.free(handle, status));
  }
}
{%- endif %}
{%- if v.has_foreign %}

/**
 * UniFFI keeps one vtable per callback interface for the whole process, and koffi's callbacks
 * belong to the JS thread that registered them. So one JS thread owns the vtables: the main
 * thread, or a worker started before the main thread loaded this module (worker environment
 * data tells). Other workers must not re-register them (Rust would then call into a thread that
 * may be gone) and refuse to hand their JS objects to Rust.
 */
const UNIFFI_VTABLES_OWNER_KEY = '{{ v.vtables_owner_key }}';
const uniffiOwnsVTables = isMainThread || getEnvironmentData(UNIFFI_VTABLES_OWNER_KEY) === undefined;
if (uniffiOwnsVTables) {
  setEnvironmentData(UNIFFI_VTABLES_OWNER_KEY, threadId);
}
{% include "callback_gate.js" %}

/**
 * JS objects Rust holds, by handle. Handles are odd, so a handle of a foreign trait tells
 * whether it names a JS object (odd) or a Rust one (even, an `Arc` pointer).
 */
class UniffiHandleMap {
  constructor(name) {
    this.name = name;
    this.objects = new Map();
    this.next = 1n;
  }

  insert(object) {
    if (!uniffiOwnsVTables) {
      throw new Error(
        `${this.name}: JS implementations can only be passed to Rust from the JS thread that registered the callback vtables ` +
          `(thread ${getEnvironmentData(UNIFFI_VTABLES_OWNER_KEY)}, not this worker ${threadId}); see docs/js.md`,
      );
    }
    const handle = this.next;
    this.next += 2n;
    this.objects.set(handle, object);
{%- if v.has_foreign_streams %}
    object[UNIFFI_SOURCE]?.retain();
{%- endif %}
    return handle;
  }

  get(raw) {
    const object = this.objects.get(BigInt(raw));
    if (object === undefined) {
      throw new InternalError(`unknown callback handle ${raw}`);
    }
    return object;
  }

  /** Rust gives `raw` back: its object, which Rust no longer holds through it. */
  remove(raw) {
    const object = this.get(raw);
    this.objects.delete(BigInt(raw));
{%- if v.has_foreign_streams %}
    object[UNIFFI_SOURCE]?.release(false);
{%- endif %}
    return object;
  }

  /** Rust dropped `raw` (the vtable's `uniffi_free`){% if v.has_foreign_streams %}: a stream adapter no handle names any more closes its iteration{% endif %}. */
  free(raw) {
    const object = this.get(raw);
    this.objects.delete(BigInt(raw));
{%- if v.has_foreign_streams %}
    object[UNIFFI_SOURCE]?.release(true);
{%- endif %}
  }
}

const uniffiHandleMaps = [];

/**
 * Builds a vtable in memory that lives as long as the module (Rust keeps a pointer to it),
 * with `uniffi_free` / `uniffi_clone` over `handles` and the registered methods. With the
 * runtime crate's gate (`callback_gate.js`), `uniffi_free` and the sync methods (`gates`: field ->
 * [JS name, argument classes or null]) go through its shims.
 */
function uniffiVTable(type, handles, methods, gates) {
  uniffiHandleMaps.push(handles);
  const free = koffi.register((handle) => {
    handles.free(handle);
  }, koffi.pointer(UniffiCallbackInterfaceFree));
  const vtable = {
    uniffi_free: uniffiGateFree(free, handles),
    uniffi_clone: koffi.register((handle) => handles.insert(handles.get(handle)), koffi.pointer(UniffiCallbackInterfaceClone)),
  };
  for (const [field, ptr] of Object.entries(methods)) {
    const [name, classes] = gates[field];
    vtable[field] = classes === null ? ptr : uniffiGateMethod(ptr, `${handles.name}.${name}()`, classes);
  }
  const memory = koffi.alloc(type, 1);
  koffi.encode(memory, type, vtable);
  return memory;
}

/** The call status for an error thrown by a JS implementation: declared, or unexpected. */
function uniffiForeignErrorStatus(e, error) {
  if (error !== undefined) {
    let declared = true;
    try {
      error.check(e, 'error');
    } catch {
      declared = false;
    }
    if (declared) {
      return { code: UNIFFI_CALL_ERROR, error_buf: error.lower(e) };
    }
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: UNIFFI_CALL_UNEXPECTED_ERROR, error_buf: uniffiLowerString(message) };
}

/**
 * Runs a sync JS method Rust called: writes the lowered result through `outReturn`, or the
 * error into the call status.
 */
function uniffiForeignCall(status, outReturn, outType, error, call) {
  try {
    const value = call();
    if (outType !== undefined) {
      koffi.encode(outReturn, outType, value);
    }
  } catch (e) {
    koffi.encode(status, UniffiRustCallStatus, uniffiForeignErrorStatus(e, error));
  }
}
{%- endif %}

/**
 * Debug count of handles the bindings hold for Rust: JS objects Rust references and pending
 * foreign futures. 0 when nothing leaks.
 */
export function uniffiLiveHandles() {
{%- if !v.has_foreign %}
  return 0;
{%- else %}
  if (uniffiGate !== undefined && uniffiGateDepth === 0 && uniffiGate.words[1] !== 0) {
    uniffiGateRunDeferred();
  }
  let count = 0;
  for (const handles of uniffiHandleMaps) {
    count += handles.objects.size;
  }
{%- if v.has_foreign_futures %}
  count += uniffiForeignFutures.size;
{%- endif %}
  return count;
{%- endif %}
}
