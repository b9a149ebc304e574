{#- A stream object (`[bindings.async] streams`; `s`: a SwiftStream): its class conforms to
    `AsyncSequence`. Each iterator calls the stream method through the private
    `uniffiStreamNext` (always with the cancel hook, so Task cancellation drops the pending Rust
    future); `nil` from Rust, an error or a cancellation ends the iteration, and every later
    `next()` returns `nil`. An infallible stream iterates without `try` and ends on cancellation;
    a fallible one throws the method's error, or `CancellationError`. #}

/// Iterating yields the stream method's items until it returns `nil` (`for await x in stream`,
/// or `for try await` when the method throws). Cancelling the iterating task drops the pending
/// Rust call. Each iterator calls the method in turn; the object stays usable as it is.
extension {{ o.class_name }}: AsyncSequence {
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        // Sendable: the stream object is Sendable, and `finished` is a value.
        fileprivate let stream: {{ o.class_name }}
        fileprivate var finished = false
{% if s.throws %}
        /// The next item, or `nil` once the stream ended; throws the method's error, or
        /// `CancellationError` when the task was cancelled (later calls return `nil`).
        public mutating func next() async throws -> {{ s.item }}? {
            if finished {
                return nil
            }
            do {
                if let item = try await stream.uniffiStreamNext() {
                    return item
                }
                finished = true
                return nil
            } catch {
                finished = true
                throw error
            }
        }
{%- else %}
        /// The next item, or `nil` once the stream ended or the task was cancelled.
        public mutating func next() async -> {{ s.item }}? {
            if finished {
                return nil
            }
            do {
                if let item = try await stream.uniffiStreamNext() {
                    return item
                }
            } catch is CancellationError {
                // The pending Rust call was dropped: the iteration ends.
            } catch {
                // A Rust panic in a method that declares no error is fatal, as for its calls.
                fatalError("\(error)")
            }
            finished = true
            return nil
        }
{%- endif %}
    }

    /// A new iterator over this stream.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(stream: self)
    }

{{ s.next_helper }}
}
