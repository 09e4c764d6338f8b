/// The length of one assessment period.
public enum PeriodKind: String, Sendable, Hashable, CaseIterable, Codable {
    case year
    case quarter
    case month
}

/// One assessment period, written `2025`, `2025Q3` or `2025-07`.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var kind: PeriodKind
    public var year: Int
    /// The quarter (1–4) or month (1–12); 0 for a year.
    public var index: Int

    public init(year: Int) {
        self.kind = .year
        self.year = year
        self.index = 0
    }

    public init?(kind: PeriodKind, year: Int, index: Int) {
        guard (1...9999).contains(year) else { return nil }
        switch kind {
        case .year: guard index == 0 else { return nil }
        case .quarter: guard (1...4).contains(index) else { return nil }
        case .month: guard (1...12).contains(index) else { return nil }
        }
        self.kind = kind
        self.year = year
        self.index = index
    }

    /// Parses `2025`, `2025Q3` (or `2025q3`) and `2025-07`; nil for anything else.
    public init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 4, let year = Self.digits(scalars[0..<4]) else { return nil }
        if scalars.count == 4 {
            self.init(kind: .year, year: year, index: 0)
        } else if scalars.count == 6, scalars[4] == "Q" || scalars[4] == "q", let q = Self.digits(scalars[5..<6]) {
            self.init(kind: .quarter, year: year, index: q)
        } else if scalars.count == 7, scalars[4] == "-", let m = Self.digits(scalars[5..<7]) {
            self.init(kind: .month, year: year, index: m)
        } else {
            return nil
        }
    }

    private static func digits(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        var value = 0
        for s in scalars {
            guard s.value >= 48, s.value <= 57 else { return nil }
            value = value * 10 + Int(s.value - 48)
        }
        return value
    }

    public var description: String {
        // Four digits, so that the text parses back (`0999`, not `999`).
        let y = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        switch kind {
        case .year: return y
        case .quarter: return "\(y)Q\(index)"
        case .month: return index < 10 ? "\(y)-0\(index)" : "\(y)-\(index)"
        }
    }

    /// First and last month of the period (1-based, inclusive).
    public var months: ClosedRange<Int> {
        switch kind {
        case .year: 1...12
        case .quarter: (index * 3 - 2)...(index * 3)
        case .month: index...index
        }
    }

    /// The first day, as an ISO date (`2025-07-01`).
    public var startDate: String { Self.isoDate(year, months.lowerBound, 1) }

    /// The last day, inclusive, as an ISO date (`2025-09-30`).
    public var endDate: String {
        let m = months.upperBound
        return Self.isoDate(year, m, Self.daysIn(year: year, month: m))
    }

    /// The period of the same kind that precedes this one.
    public var previous: Period {
        switch kind {
        case .year: return Period(year: year - 1)
        case .quarter:
            return index == 1
                ? Period(kind: .quarter, year: year - 1, index: 4) ?? self
                : Period(kind: .quarter, year: year, index: index - 1) ?? self
        case .month:
            return index == 1
                ? Period(kind: .month, year: year - 1, index: 12) ?? self
                : Period(kind: .month, year: year, index: index - 1) ?? self
        }
    }

    /// The period of `kind` that contains the civil date `year-month-day`.
    public static func containing(kind: PeriodKind, year: Int, month: Int) -> Period {
        switch kind {
        case .year: return Period(year: year)
        case .quarter: return Period(kind: .quarter, year: year, index: (month - 1) / 3 + 1) ?? Period(year: year)
        case .month: return Period(kind: .month, year: year, index: month) ?? Period(year: year)
        }
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isoDate(_ y: Int, _ m: Int, _ d: Int) -> String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.year, a.months.lowerBound, a.kind.rawValue) < (b.year, b.months.lowerBound, b.kind.rawValue)
    }
}
