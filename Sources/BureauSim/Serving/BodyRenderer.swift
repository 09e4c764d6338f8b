import QualityCore

/// A response body: bytes at hand, or chunks produced as they are written (long lists), so that a
/// list of any length streams in constant memory.
public struct SimBody: Sendable {
    enum Source: Sendable {
        case bytes([UInt8])
        case chunks(@Sendable () -> AnyIterator<[UInt8]>)
    }

    let source: Source
    /// Known for bytes at hand; nil for streamed bodies.
    public let contentLength: Int?

    init(bytes: [UInt8]) {
        source = .bytes(bytes)
        contentLength = bytes.count
    }

    init(contentLength: Int? = nil, chunks: @escaping @Sendable () -> AnyIterator<[UInt8]>) {
        source = .chunks(chunks)
        self.contentLength = contentLength
    }

    /// The chunks in order (one for bytes at hand).
    public func makeChunks() -> AnyIterator<[UInt8]> {
        switch source {
        case .bytes(let b):
            var done = false
            return AnyIterator {
                defer { done = true }
                return done ? nil : b
            }
        case .chunks(let make): return make()
        }
    }

    /// The whole body; fine for tests and pages, not for `oversize`.
    public func collect() -> [UInt8] {
        if case .bytes(let b) = source { return b }
        var all: [UInt8] = []
        for chunk in IteratorSequence(makeChunks()) { all += chunk }
        return all
    }
}

/// Writes an endpoint's records in its envelope, spoiling records as the fault plan says and
/// counting what it injected.
struct BodyRenderer: Sendable {
    let endpoint: Endpoint
    let seed: UInt64
    let plan: FaultPlan
    let stats: FaultStats

    /// One page of an indexed stream, or the whole stream when the endpoint is not paginated.
    func render(_ stream: RecordStream, page: (number: Int, size: Int)) -> SimBody {
        switch stream {
        case .indexed(let total, let make):
            let range: Range<Int>
            if endpoint.paginated {
                let start = min(total, (page.number - 1) * page.size)
                range = start..<min(total, start + page.size)
            } else {
                range = 0..<total
            }
            let record = make()
            var writer = makeWriter()
            var bytes = envelopeStart()
            for r in range { writer.append(record(r), index: r, to: &bytes) }
            writer.flushCounts(stats: stats)
            bytes += envelopeEnd(emitted: writer.emitted, page: page, total: total)
            return SimBody(bytes: csvEncoded(bytes))
        case .sequence(let make):
            let renderer = self
            return SimBody {
                let records = make()
                var writer = renderer.makeWriter()
                var index = 0
                var phase = 0  // 0: start, 1: records, 2: done
                return AnyIterator {
                    switch phase {
                    case 0:
                        phase = 1
                        return renderer.csvEncoded(renderer.envelopeStart())
                    case 1:
                        var bytes: [UInt8] = []
                        while bytes.count < 64 << 10, let record = records.next() {
                            writer.append(record, index: index, to: &bytes)
                            index += 1
                        }
                        writer.flushCounts(stats: renderer.stats)
                        if bytes.count < 64 << 10 {
                            phase = 2
                            bytes += renderer.envelopeEnd(emitted: writer.emitted, page: nil, total: index)
                        }
                        return renderer.csvEncoded(bytes)
                    default:
                        return nil
                    }
                }
            }
        }
    }

    private func makeWriter() -> RecordWriter {
        RecordWriter(
            endpoint: endpoint, seed: seed, plan: plan,
            faulty: plan.hasRecordFaults(for: endpoint.path, applicable: endpoint.recordFaultKinds))
    }

    private func csvEncoded(_ utf8: [UInt8]) -> [UInt8] {
        guard case .csvGB18030 = endpoint.shape else { return utf8 }
        return GB18030.encode(utf8)
    }

    private func envelopeStart() -> [UInt8] {
        switch endpoint.shape {
        case .registry: Array(#"{"code":0,"data":{"items":["#.utf8) + [0x0A]
        case .items: Array(#"{"items":["#.utf8) + [0x0A]
        case .array: Array("[\n".utf8)
        case .rows: Array(#"{"rows":["#.utf8) + [0x0A]
        case .csvGB18030(let header): Array((header.map(CSV.field).joined(separator: ",") + "\r\n").utf8)
        }
    }

    private func envelopeEnd(emitted: Int, page: (number: Int, size: Int)?, total: Int) -> [UInt8] {
        let paging = page.map { #","page":\#($0.number),"page_size":\#($0.size)"# } ?? ""
        let tail = emitted > 0 ? "\n" : ""
        switch endpoint.shape {
        case .registry: return Array(#"\#(tail)]\#(paging),"total":\#(total)}}"#.utf8) + [0x0A]
        case .items: return Array(#"\#(tail)]\#(paging),"total":\#(total)}"#.utf8) + [0x0A]
        case .array: return Array("\(tail)]\n".utf8)
        case .rows: return Array("\(tail)]}\n".utf8)
        case .csvGB18030: return []
        }
    }
}
