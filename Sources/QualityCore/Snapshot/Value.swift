/// A fact or expression value (docs/SEMANTICS.md §4): number, string, boolean, string set, or missing.
///
/// Numbers that are NaN or infinite are missing; build numbers with `Value.number(_:)` via
/// `Value.from(_:)` when the input may not be finite.
public enum Value: Sendable, Hashable {
    case missing
    case number(Double)
    case string(String)
    case bool(Bool)
    case set(StringSet)

    /// A number, or missing when `x` is NaN or infinite.
    @inline(__always)
    public static func from(_ x: Double) -> Value { x.isFinite ? .number(x) : .missing }

    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// The number, when this is a number.
    @inline(__always)
    public var number: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// True only for the boolean `true`: a condition holds only then.
    @inline(__always)
    public var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

/// Distinct strings kept sorted by Unicode scalar values (the order of their UTF-8 bytes).
public struct StringSet: Sendable, Hashable {
    public let elements: [String]

    public init<S: Sequence>(_ strings: S) where S.Element == String {
        var sorted = Array(strings)
        sorted.sort(by: StringSet.precedes)
        var unique: [String] = []
        unique.reserveCapacity(sorted.count)
        for s in sorted where unique.last.map({ !StringSet.same($0, s) }) ?? true {
            unique.append(s)
        }
        elements = unique
    }

    public var count: Int { elements.count }

    public func contains(_ s: String) -> Bool {
        // Sets are small (a few awards per enterprise); a linear scan beats a search here.
        for e in elements where StringSet.same(e, s) { return true }
        return false
    }

    /// Scalar-value order, not Swift's canonical-equivalence order: the order of the UTF-8 bytes.
    @inline(__always)
    public static func precedes(_ a: String, _ b: String) -> Bool {
        compare(a, b) < 0
    }

    /// Scalar-value equality, not canonical equivalence.
    @inline(__always)
    public static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && compare(a, b) == 0
    }

    /// Negative, zero or positive as `a`'s UTF-8 bytes sort before, equal or after `b`'s.
    ///
    /// Over contiguous bytes: sorting a million USCCs with the generic `lexicographicallyPrecedes`
    /// took seconds.
    public static func compare(_ a: String, _ b: String) -> Int {
        // Native strings are contiguous: read in place, without the copies `withUTF8` needs.
        if let d = a.utf8.withContiguousStorageIfAvailable({ x in
            b.utf8.withContiguousStorageIfAvailable { y in compare(x, y) }
        }), let d {
            return d
        }
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y) } }
    }

    @inline(__always)
    private static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let n = Swift.min(x.count, y.count)
        var i = 0
        while i < n {
            let d = Int(x[i]) - Int(y[i])
            if d != 0 { return d }
            i += 1
        }
        return x.count - y.count
    }

    public static func == (a: StringSet, b: StringSet) -> Bool {
        a.elements.count == b.elements.count && zip(a.elements, b.elements).allSatisfy { same($0, $1) }
    }

    public func hash(into hasher: inout Hasher) {
        for e in elements { hasher.combine(Array(e.utf8)) }
    }
}
