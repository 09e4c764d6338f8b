/// Appends Prometheus text exposition (format 0.0.4) to a byte buffer.
struct ExpositionWriter {
    var bytes: [UInt8] = []

    init(reserve: Int = 0) {
        bytes.reserveCapacity(reserve)
    }

    /// `# HELP` and `# TYPE` lines of a family.
    mutating func family(_ name: String, type: String, help: String) {
        append("# HELP ")
        append(name)
        bytes.append(0x20)
        for b in help.utf8 {
            switch b {
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            default: bytes.append(b)
            }
        }
        append("\n# TYPE ")
        append(name)
        bytes.append(0x20)
        append(type)
        bytes.append(0x0A)
    }

    /// One sample: `name{l1="v1",…} value`.
    mutating func sample(_ name: String, _ labels: KeyValuePairs<String, String>, _ value: Double) {
        append(name)
        if !labels.isEmpty {
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for (key, labelValue) in labels {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                append(key)
                append("=\"")
                appendEscaped(labelValue)
                bytes.append(UInt8(ascii: "\""))
            }
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(0x20)
        append(Self.format(value))
        bytes.append(0x0A)
    }

    mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    private mutating func appendEscaped(_ s: String) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\""): append("\\\"")
            case 0x0A: append("\\n")
            default: bytes.append(b)
            }
        }
    }

    /// Integers without a fraction, others in Swift's shortest round-trip form; Prometheus reads both.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}
