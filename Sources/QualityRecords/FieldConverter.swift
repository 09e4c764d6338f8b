import QualityCore

/// The outcome of reading one field of one record.
public enum FieldOutcome: Sendable, Equatable {
    /// Absent, null, or an empty string read as a number: the record has no value for the fact.
    case absent
    case value(Value)
    case reject(RejectReason)
}

/// Field conversion of docs/SEMANTICS.md §9 step 3: `map`, then conversion by kind, then `min`/`max`.
public enum FieldConverter {
    /// Converts a raw field value (nil when the path is absent).
    ///
    /// - kind: `type`, or the kind implied by `combine`; nil keeps the JSON type.
    /// - map: source text → value; when present the value's text must be one of its keys.
    public static func convert(
        _ raw: JSONValue?, kind: FieldType?, map: [String: Value]? = nil, min: Double? = nil, max: Double? = nil
    ) -> FieldOutcome {
        guard let raw, raw != .null else { return .absent }
        let value: Value
        if let map {
            guard let text = text(of: raw), let mapped = map[text] else { return .reject(.unmappedValue) }
            value = mapped
        } else {
            guard let scalar = scalar(raw) else { return .reject(.type) }
            value = scalar
        }
        let converted = convert(value: value, kind: kind)
        if case .value(.number(let x)) = converted {
            if let min, x < min { return .reject(.range) }
            if let max, x > max { return .reject(.range) }
        }
        return converted
    }

    /// Converts a value to `kind` (nil: keep it as it is).
    public static func convert(value: Value, kind: FieldType?) -> FieldOutcome {
        if case .missing = value { return .absent }
        switch kind {
        case nil: return .value(value)
        case .number?:
            switch value {
            case .number: return .value(value)
            case .string(let s):
                let trimmed = s.trimmingSpaces()
                if trimmed.isEmpty { return .absent }
                guard let x = decimal(trimmed) else { return .reject(.type) }
                return .value(.number(x))
            default: return .reject(.type)
            }
        case .bool?:
            switch value {
            case .bool: return .value(value)
            case .string("true"): return .value(.bool(true))
            case .string("false"): return .value(.bool(false))
            default: return .reject(.type)
            }
        case .string?:
            switch value {
            case .string: return .value(value)
            case .number(let x): return .value(.string(text(of: x)))
            case .bool(let b): return .value(.string(b ? "true" : "false"))
            default: return .reject(.type)
            }
        }
    }

    /// A JSON value as a fact value: scalars as they are, an array of strings as a set; nil for
    /// anything else (objects, mixed arrays).
    static func scalar(_ raw: JSONValue) -> Value? {
        switch raw {
        case .null: return .missing
        case .bool(let b): return .bool(b)
        case .number(let x): return .from(x)
        case .string(let s): return .string(s)
        case .array(let items):
            var strings: [String] = []
            strings.reserveCapacity(items.count)
            for item in items {
                guard case .string(let s) = item else { return nil }
                strings.append(s)
            }
            return .set(StringSet(strings))
        case .object: return nil
        }
    }

    /// A scalar as text (map keys, keys, ids); nil for null, arrays and objects.
    public static func text(of raw: JSONValue) -> String? {
        switch raw {
        case .string(let s): return s
        case .number(let x): return text(of: x)
        case .bool(let b): return b ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    /// A number as text: whole numbers without a fraction (`12`, not `12.0`).
    public static func text(of x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    /// A decimal number: optional sign, digits with an optional fraction, optional exponent.
    /// Rejects what `Double(_:)` also takes but a bureau never means (`inf`, `nan`, hex).
    public static func decimal(_ s: String) -> Double? {
        var utf8 = s.utf8.makeIterator()
        var integer: Int64 = 0
        var digits = 0
        var simple = true
        var sawDigit = false
        var state = 0  // 0 sign, 1 integer part, 2 fraction, 3 exponent sign, 4 exponent digits
        var negative = false
        while let b = utf8.next() {
            switch b {
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if state == 0 {
                    negative = b == UInt8(ascii: "-")
                    state = 1
                } else if state == 3 {
                    state = 4
                } else {
                    return nil
                }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if state == 0 { state = 1 }
                if state == 3 { state = 4 }
                if state == 1, digits < 15 {
                    integer = integer * 10 + Int64(b - 48)
                    digits += 1
                } else if state == 1 {
                    simple = false
                }
                if state <= 2 { sawDigit = true }
            case UInt8(ascii: "."):
                guard state <= 1 else { return nil }
                state = 2
                simple = false
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, state == 1 || state == 2 else { return nil }
                state = 3
                simple = false
            default: return nil
            }
        }
        guard sawDigit, state != 3 else { return nil }
        if simple { return negative ? -Double(integer) : Double(integer) }
        guard let x = Double(s), x.isFinite else { return nil }
        return x
    }
}
