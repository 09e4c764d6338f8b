/// A single-consumer channel that keeps only the newest unconsumed value: many sends while the
/// consumer is busy become one. The scoring trigger (`Void`) and schedule updates use it.
public final class CoalescingChannel<Element: Sendable>: Sendable {
    let stream: AsyncStream<Element>
    private let continuation: AsyncStream<Element>.Continuation

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: Element.self, bufferingPolicy: .bufferingNewest(1))
    }

    public func send(_ value: Element) {
        continuation.yield(value)
    }

    /// No more values: the consumer's loop ends.
    public func finish() {
        continuation.finish()
    }
}

extension CoalescingChannel where Element == Void {
    public func send() { send(()) }
}
