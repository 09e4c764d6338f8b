import QualityCore

/// A request the simulator could not serve, with the status it answers.
public struct SimError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var message: String

    static func badRequest(_ message: String) -> SimError { SimError(status: 400, message: message) }

    public var description: String { "\(status): \(message)" }
}

/// The query parameters of one request, percent-decoded.
public struct SimQuery: Sendable {
    public private(set) var parameters: [String: String] = [:]

    /// Parses `a=1&b=2`; `+` is a space, `%XX` a byte; later duplicates win.
    public init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            parameters[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
    }

    public init(_ parameters: [String: String]) {
        self.parameters = parameters
    }

    public subscript(name: String) -> String? { parameters[name] }

    private static func decode(_ s: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if b == UInt8(ascii: "%"), it.count >= 2, let hi = hex(it[it.startIndex]),
                let lo = hex(it[it.startIndex + 1])
            {
                bytes.append(hi << 4 | lo)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    /// A required period parameter (`2025`, `2025Q3`, `2025-07`).
    func period(_ name: String = "period") throws(SimError) -> PeriodKey {
        guard let text = parameters[name], !text.isEmpty else { throw .badRequest("missing query parameter '\(name)'") }
        guard let period = Period(text) else {
            throw .badRequest("'\(name)' must be a period such as 2025, 2025Q3 or 2025-07, not '\(text)'")
        }
        return PeriodKey(period)
    }

    /// `from` and `to` (ISO dates, inclusive) as the months they touch, in order.
    func months() throws(SimError) -> [(year: Int, month: Int)] {
        let from = try date("from")
        let to = try date("to")
        let first = from.year * 12 + from.month - 1
        let last = to.year * 12 + to.month - 1
        guard first <= last else { throw .badRequest("'from' is after 'to'") }
        guard last - first < 120 else { throw .badRequest("a range of at most ten years, please") }
        return (first...last).map { ($0 / 12, $0 % 12 + 1) }
    }

    private func date(_ name: String) throws(SimError) -> (year: Int, month: Int) {
        guard let text = parameters[name] else { throw .badRequest("missing query parameter '\(name)'") }
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...9999).contains(y),
            (1...12).contains(m), (1...Period.daysIn(year: y, month: m)).contains(d)
        else { throw .badRequest("'\(name)' must be a date YYYY-MM-DD, not '\(text)'") }
        return (y, m)
    }

    /// `page` (from 1, default 1) and `page_size` (1…10000, default 100).
    func page() throws(SimError) -> (number: Int, size: Int) {
        let number = try integer("page", default: 1, range: 1...Int(Int32.max))
        let size = try integer("page_size", default: 100, range: 1...10_000)
        return (number, size)
    }

    private func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws(SimError) -> Int {
        guard let text = parameters[name] else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw .badRequest("'\(name)' must be an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        return n
    }
}
