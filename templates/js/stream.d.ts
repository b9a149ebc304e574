{#- `[bindings.async] streams`: the declarations of a stream object's async iteration. #}
  /** An async iterator over the items of `{{ s.next }}()`: `for await (const x of this)`. */
  [Symbol.asyncIterator](): AsyncIterableIterator<{{ s.item_ts }}>;
  /**
   * An async iterator over the items of `{{ s.next }}()`, ending when it returns `null`.
   * Leaving a `for await` loop early (`break`, `return()`) cancels the pending call, dropping
   * its Rust future; aborting `options.signal` rejects the pending call with an `AbortError`.
{%- if let Some(e) = s.throws %}
   * @throws {{ "{" }}{{ e }}{{ "}" }} an error of `{{ s.next }}()`, which ends the iteration.
{%- endif %}
   */
  iterate(options?: UniffiAsyncOptions): AsyncIterableIterator<{{ s.item_ts }}>;
