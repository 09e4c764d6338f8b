import Foundation
import QualityCore

extension Config {
    /// The period being assessed at `date`: the fixed `current_period`, or with `auto` the period of
    /// kind `period` that contains the civil date of `date` in `timezone`.
    package func currentPeriod(at date: Date) -> Period {
        switch currentPeriod {
        case .fixed(let period):
            return period
        case .auto:
            var calendar = Calendar(identifier: .gregorian)
            // The validator refuses unknown zones; China Standard Time is the documented default.
            calendar.timeZone = TimeZone(identifier: timezone) ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
            let parts = calendar.dateComponents([.year, .month], from: date)
            return Period.containing(kind: period, year: parts.year ?? 1970, month: parts.month ?? 1)
        }
    }
}
