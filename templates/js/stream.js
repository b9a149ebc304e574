{#- `[bindings.async] streams`: a stream object's async iteration (object.js includes it in the
    class body); `uniffiStreamIterator` (async.js) calls the stream method until `null`. #}

  /**
   * An async iterator over the items of `{{ s.next }}()`: `for await (const x of this)`. See
   * `iterate()`.
   */
  [Symbol.asyncIterator]() {
    return this.iterate();
  }

  /**
   * An async iterator over the items of `{{ s.next }}()`, ending when it returns `null`.
   * Leaving a `for await` loop early (`break`, `return()`) cancels the pending call, dropping
   * its Rust future; aborting `options.signal` rejects the pending call with an `AbortError`.
{%- if let Some(e) = s.throws %}
   * An error of `{{ s.next }}()` ({@link {{ e }}}) is thrown into the loop and ends it.
{%- endif %}
   * This object stays usable: destroy it when done.
   */
  iterate(uniffiOptions = {}) {
    return uniffiStreamIterator((signal) => this.{{ s.next }}({ signal }), uniffiOptions.signal);
  }
