/// A single-consumer channel that keeps only the newest unconsumed value: many sends while the
/// consumer is busy become one. The scoring trigger (`Void`) and schedule updates use it.
package final class CoalescingChannel<Element: Sendable>: Sendable {
    let stream: AsyncStream<Element>
    private let continuation: AsyncStream<Element>.Continuation

    package init() {
        (stream, continuation) = AsyncStream.makeStream(of: Element.self, bufferingPolicy: .bufferingNewest(1))
    }

    package func send(_ value: Element) {
        continuation.yield(value)
    }

    /// No more values: the consumer's loop ends.
    package func finish() {
        continuation.finish()
    }
}

extension CoalescingChannel where Element == Void {
    package func send() { send(()) }
}
