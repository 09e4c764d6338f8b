import Foundation
import QualityIngest
import Testing

@testable import QualityServer

/// The notice dates of `POST /api/v1/subsidies/{period}/publish`: civil dates in the config's time
/// zone, strictly `YYYY-MM-DD`, years 2000 to 2999 (schemathesis found `0000-01-01` accepted and
/// published as the timestamp `00-1-12-29T15:54:17Z`).
@Suite struct NoticeDatesTests {
    let zone = "Asia/Shanghai"

    @Test func aDayIsItsMidnightInTheConfigsTimeZone() throws {
        #expect(
            try NoticeDates.parse("2025-07-01", "notice_start", timezone: zone)?.iso8601UTC == "2025-06-30T16:00:00Z")
        #expect(
            try NoticeDates.parse("2000-01-01", "notice_start", timezone: zone)?.iso8601UTC == "1999-12-31T16:00:00Z")
        #expect(try NoticeDates.parse("2999-12-31", "notice_end", timezone: zone)?.iso8601UTC == "2999-12-30T16:00:00Z")
        #expect(try NoticeDates.parse("2028-02-29", "notice_end", timezone: zone)?.iso8601UTC == "2028-02-28T16:00:00Z")
        #expect(try NoticeDates.parse(nil, "notice_start", timezone: zone) == nil)
    }

    @Test(arguments: [
        "0000-01-01", "1999-12-31", "3000-01-01", "-001-01-01", "+025-07-01", "2025-07-1 ", " 2025-07-1",
        "2025-02-29", "2025-13-01", "2025-00-10", "2025/07/01", "２０２５-07-01", "20250701", "",
    ])
    func anythingElseIsABadRequestNamingTheField(text: String) {
        #expect {
            _ = try NoticeDates.parse(text, "notice_start", timezone: zone)
        } throws: { error in
            guard let error = error as? APIError else { return false }
            return error.code == .badRequest
                && error.message == "notice_start \(text): expected a date such as 2025-07-01 (years 2000 to 2999)"
        }
    }
}
