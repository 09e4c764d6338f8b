/// Money is integer fen (1 yuan = 100 fen) after the single rounding step of docs/SEMANTICS.md §7.
public enum Money {
    /// fen = sign(y) × floor(|y| + 0.5 + 1e-9), y = yuan × 100; nil when not finite or beyond ±9×10^15 fen.
    public static func fen(yuan: Double) -> Int64? {
        let y = yuan * 100
        guard y.isFinite else { return nil }
        let magnitude = (abs(y) + 0.5 + 1e-9).rounded(.down)
        guard magnitude < 9e15 else { return nil }
        let f = Int64(magnitude)
        return y < 0 ? -f : f
    }

    /// Yuan with two decimals and thousands separators, for people: `1,234,567.89`.
    public static func format(fen: Int64, grouping: Bool = true) -> String {
        let negative = fen < 0
        let m = fen.magnitude
        let yuan = String(m / 100)
        let cents = m % 100
        var grouped = ""
        if grouping {
            for (i, ch) in yuan.enumerated() {
                if i > 0, (yuan.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(ch)
            }
        } else {
            grouped = yuan
        }
        return (negative ? "-" : "") + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Yuan as a Double, for gauges and spreadsheet cells (exact up to 2^53 fen).
    public static func yuan(fen: Int64) -> Double { Double(fen) / 100 }
}
