import Foundation
import QualityCore

/// How numbers, times and URLs look on the pages: two decimals, local time of the config's time zone,
/// percent-encoded query values.
enum PageFormat {
    /// `x` with `digits` decimals, rounded half away from zero (`86.20`); `—` for nil or a non-finite value.
    static func fixed(_ x: Double?, digits: Int = 2) -> String {
        guard let x, x.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale + 0.5 + 1e-9).rounded(.down)
        guard scaled < 9e15 else { return String(x) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        var text = String(units / divisor)
        if digits > 0 {
            let fraction = String(units % divisor)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return units > 0 && x < 0 ? "-" + text : text
    }

    /// A config constant as written: `100`, `0.5`, `12.25` (whole numbers without decimals).
    static func compact(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return String(x) }
        if x == x.rounded() { return String(Int64(x)) }
        var text = fixed(x, digits: 4)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A change with its sign: `+1.25`, `-0.50`, `0.00`.
    static func signed(_ x: Double) -> String {
        let text = fixed(x)
        return text.hasPrefix("-") || text == fixed(0) ? text : "+" + text
    }

    /// A ratio in [0, 1] as a percentage with two decimals: `97.90%`.
    static func percent(_ ratio: Double?) -> String {
        guard let ratio else { return "—" }
        return fixed(ratio * 100) + "%"
    }

    /// A value in its unit: `97.73%` for percent, `4.00` for counts, `1,234.00 元` for yuan.
    static func value(_ x: Double?, unit: IndicatorUnit, _ language: Language) -> String {
        guard let x, x.isFinite else { return "—" }
        switch unit {
        case .percent: return fixed(x) + "%"
        case .yuan: return fixed(x) + (language == .zh ? " 元" : " yuan")
        case .days: return fixed(x) + (language == .zh ? " 天" : " days")
        case .ratio, .count, .points: return fixed(x)
        }
    }

    /// Money for people, from integer fen: `1,234,567.89`.
    static func money(_ fen: Int64) -> String { Money.format(fen: fen) }

    /// Money without grouping, for `data-value`: `1234567.89`.
    static func moneyValue(_ fen: Int64) -> String { Money.format(fen: fen, grouping: false) }

    /// The first 12 hex digits of a SHA-256, enough to tell results apart on screen.
    static func shortHash(_ sha256: String?) -> String {
        guard let sha256, !sha256.isEmpty else { return "—" }
        return String(sha256.prefix(12))
    }

    /// `2025-07-01 08:30:00` in `timezone` (an IANA name; UTC when unknown).
    static func dateTime(_ date: Date, timezone: String) -> String {
        let c = components(date, timezone)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2)) \(pad(c.hour, 2)):\(pad(c.minute, 2)):"
            + pad(c.second, 2)
    }

    /// `2025-07-01` in `timezone`.
    static func date(_ date: Date, timezone: String) -> String {
        let c = components(date, timezone)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// `2025年7月1日` or `2025-07-01`, for the public notice.
    static func longDate(_ date: Date, timezone: String, _ language: Language) -> String {
        let c = components(date, timezone)
        switch language {
        case .zh: return "\(c.year ?? 0)年\(c.month ?? 0)月\(c.day ?? 0)日"
        case .en: return self.date(date, timezone: timezone)
        }
    }

    /// A period as people say it: `2025年度` / `2025`, `2025年第3季度` / `2025 Q3`, `2025年7月` / `2025-07`.
    static func period(_ text: String, _ language: Language) -> String {
        guard let p = Period(text) else { return text }
        switch (p.kind, language) {
        case (.year, .zh): return "\(p.year)年度"
        case (.quarter, .zh): return "\(p.year)年第\(p.index)季度"
        case (.month, .zh): return "\(p.year)年\(p.index)月"
        case (.year, .en): return String(p.year)
        case (.quarter, .en): return "\(p.year) Q\(p.index)"
        case (.month, .en): return p.description
        }
    }

    /// A query value or path segment percent-encoded (RFC 3986 unreserved characters stay).
    static func urlEncode(_ text: String) -> String {
        if text.utf8.allSatisfy(isUnreserved) { return text }
        var out = ""
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        for b in text.utf8 {
            if isUnreserved(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(b >> 4)])
                out.unicodeScalars.append(hex[Int(b & 0x0F)])
            }
        }
        return out
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    private static func components(_ date: Date, _ timezone: String) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timezone) ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    private static func pad(_ value: Int?, _ width: Int) -> String {
        let s = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
