/// Writes JSON straight into a byte buffer, in the order the caller emits it.
///
/// Results and snapshots are written this way rather than through `JSONEncoder` so that key
/// order is the one docs/SEMANTICS.md §8 shows and the bytes are the same on every run.
public struct JSONWriter {
    public enum Style: Sendable {
        /// No whitespace; integral numbers without a fraction (`10`, not `10.0`). Used for hashing.
        case canonical
        /// No whitespace; numbers as Swift prints them (`100.0`).
        case compact
        /// One key per line, indented by `indent` spaces.
        case pretty(indent: Int)
    }

    public private(set) var bytes: [UInt8] = []
    private let style: Style
    /// One entry per open container: whether it has no element yet.
    private var empty: [Bool] = []
    private var afterKey = false

    public init(style: Style = .pretty(indent: 1), reserve: Int = 0) {
        self.style = style
        bytes.reserveCapacity(reserve)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Hands the bytes written so far to `body` and empties the buffer (keeping its capacity), in
    /// the middle of a document if need be: a large document goes out in pieces, never whole.
    public mutating func flush(_ body: (UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes(body)
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func newline() {
        guard case .pretty(let indent) = style else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: indent * empty.count))
    }

    /// Separator and indentation before a value or key.
    private mutating func prefix() {
        if afterKey {
            afterKey = false
            return
        }
        guard let first = empty.last else { return }
        if !first { bytes.append(UInt8(ascii: ",")) }
        empty[empty.count - 1] = false
        newline()
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        prefix()
        bytes.append(bracket)
        empty.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        let wasEmpty = empty.removeLast()
        if !wasEmpty { newline() }
        bytes.append(bracket)
    }

    public mutating func key(_ k: String) {
        prefix()
        appendQuoted(k)
        bytes.append(UInt8(ascii: ":"))
        if case .pretty = style { bytes.append(0x20) }
        afterKey = true
    }

    /// A key given as `JSONWriter.quoted(_:)` made it: for the same keys written many times (the
    /// fact names of a million entities), quoted once instead of each time.
    public mutating func key(quoted: [UInt8]) {
        prefix()
        bytes.append(contentsOf: quoted)
        bytes.append(UInt8(ascii: ":"))
        if case .pretty = style { bytes.append(0x20) }
        afterKey = true
    }

    /// `s` as a JSON string, quotes included, for `key(quoted:)`.
    public static func quoted(_ s: String) -> [UInt8] {
        var w = JSONWriter(style: .canonical)
        w.appendQuoted(s)
        return w.bytes
    }

    public mutating func string(_ s: String) {
        prefix()
        appendQuoted(s)
    }

    public mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    public mutating func number(_ x: Double) {
        prefix()
        guard x.isFinite else {
            appendASCII("null")
            return
        }
        if case .canonical = style, x == x.rounded(), abs(x) < 1e15 {
            appendDecimal(Int64(x))
        } else {
            appendASCII(x.description)
        }
    }

    /// A number, or `null` when nil.
    public mutating func number(_ x: Double?) {
        if let x { number(x) } else { null() }
    }

    public mutating func integer<I: BinaryInteger>(_ n: I) {
        prefix()
        if let small = Int64(exactly: n) {
            appendDecimal(small)
        } else {
            appendASCII(String(n))
        }
    }

    /// The decimal digits of `n`, as `String(n)` has them, without making a string: a national
    /// snapshot has tens of millions of numbers.
    private mutating func appendDecimal(_ n: Int64) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        if m < 10 {
            bytes.append(0x30 + UInt8(m))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes hold the 20 digits of UInt64.max
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while m > 0 {
                count += 1
                buffer[24 - count] = 0x30 + UInt8(m % 10)
                m /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    public mutating func integer<I: BinaryInteger>(_ n: I?) {
        if let n { integer(n) } else { null() }
    }

    public mutating func bool(_ b: Bool) {
        prefix()
        appendASCII(b ? "true" : "false")
    }

    public mutating func null() {
        prefix()
        appendASCII("null")
    }

    /// An array of strings.
    public mutating func strings(_ list: [String]) {
        beginArray()
        for s in list { string(s) }
        endArray()
    }

    /// A whole parsed value; `sortKeys` orders object keys by their UTF-8 bytes.
    public mutating func value(_ v: JSONValue, sortKeys: Bool = false) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let x): number(x)
        case .string(let s): string(s)
        case .array(let a):
            beginArray()
            for e in a { value(e, sortKeys: sortKeys) }
            endArray()
        case .object(let o):
            beginObject()
            var order = Array(o.keys.indices)
            if sortKeys { order.sort { StringSet.precedes(o.keys[$0], o.keys[$1]) } }
            for k in order {
                key(o.keys[k])
                value(o.values[k], sortKeys: sortKeys)
            }
            endObject()
        }
    }

    private mutating func appendASCII(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendQuoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy them whole, in place when the string is contiguous.
        let copied: Bool? = s.utf8.withContiguousStorageIfAvailable { utf8 in
            for b in utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if copied == true { return }
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: s.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                bytes.append(Self.hex[Int(b >> 4)])
                bytes.append(Self.hex[Int(b & 0xF)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
