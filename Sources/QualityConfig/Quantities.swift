/// Durations (`15m`, `10s`, `1h30m`, `500ms`) and sizes (`64MiB`, `1GB`, `1000`) as written in config.
enum Quantities {
    private static let durationUnits: [(String, Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400),
    ]
    private static let sizeUnits: [String: Double] = [
        "": 1, "B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "KiB": 1024, "MiB": 1_048_576, "GiB": 1_073_741_824,
    ]

    /// Seconds, from one or more `<number><unit>` parts with units ms, s, m, h, d; nil when malformed.
    static func duration(_ text: String) -> Double? {
        var rest = Substring(text)
        var total = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            guard let (name, scale) = durationUnits.first(where: { $0.0 == unit }) else { return nil }
            rest = rest.dropFirst(name.count)
            total += value * scale
        }
        return total
    }

    /// Bytes, from `<number>` or `<number><unit>` with units B, KB, MB, GB, KiB, MiB, GiB; nil when malformed.
    static func size(_ text: String) -> Int? {
        let number = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = text.dropFirst(number.count).drop { $0 == " " }
        guard !number.isEmpty, let value = Double(number), let scale = sizeUnits[String(unit)] else { return nil }
        let bytes = (value * scale).rounded(.down)
        guard bytes < 9e18 else { return nil }
        return Int(bytes)
    }

    /// `95` for whole numbers, `0.5` otherwise: numbers as an administrator wrote them.
    static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }
}
