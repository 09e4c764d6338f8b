/// A parsed JSON document. Objects keep their keys in document order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value at a dotted path (`data.items`); nil when any step is absent or not an object.
    public func value(atPath path: String) -> JSONValue? {
        if path.isEmpty { return self }
        var current = self
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .object(let object) = current, let next = object[String(part)] else { return nil }
            current = next
        }
        return current
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// A short name of the kind, for error messages.
    public var kindName: String {
        let kind: JSONReader.Kind =
            switch self {
            case .null: .null
            case .bool: .bool
            case .number: .number
            case .string: .string
            case .array: .array
            case .object: .object
            }
        return kind.name
    }
}

/// A JSON object with its keys in document order; a repeated key keeps its last value on lookup.
public struct JSONObject: Sendable, Equatable {
    public var keys: [String]
    public var values: [JSONValue]

    public init(keys: [String] = [], values: [JSONValue] = []) {
        self.keys = keys
        self.values = values
    }

    public var count: Int { keys.count }

    public subscript(key: String) -> JSONValue? {
        var i = keys.count - 1
        while i >= 0 {
            if keys[i] == key { return values[i] }
            i -= 1
        }
        return nil
    }

    public mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
    }

    public var pairs: Zip2Sequence<[String], [JSONValue]> { zip(keys, values) }
}

/// A parsed value written again by an `Encoder`: for an API that serves a part of a document the
/// core wrote by hand. A whole number (to 2⁵³) is written as an integer; an object's keys are
/// written as they are, whatever key strategy the encoder has, and a repeated key keeps its last
/// value.
extension JSONValue: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let x):
            if x == x.rounded(), abs(x) <= 9_007_199_254_740_992 {
                try container.encode(Int64(x))
            } else {
                try container.encode(x)
            }
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o):
            try container.encode(Dictionary(o.pairs.map { ($0, $1) }, uniquingKeysWith: { _, last in last }))
        }
    }
}
