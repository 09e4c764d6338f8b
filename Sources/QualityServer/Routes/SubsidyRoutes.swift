import Foundation
import Hummingbird
import NIOCore
import QualityConfig
import QualityCore
import QualityStore

/// The subsidy list API: `GET /api/v1/subsidies[?period=]` (finance) and the list actions
/// `POST /api/v1/subsidies/{period}/publish` and `/confirm` (finance), `/revoke` (admin).
struct SubsidyRoutes {
    let runtime: Runtime
    let lists: ListService
    /// Days on public notice when the request does not say: 公示 lasts 7 days.
    static let noticeDays = 7

    func register(
        finance: some RouterMethods<AppRequestContext>, financeActions: some RouterMethods<AppRequestContext>,
        adminActions: some RouterMethods<AppRequestContext>
    ) {
        finance.get("api/v1/subsidies") { request, _ in
            try await overview(period: try await lists.period(request.uri.queryParameters.get("period")))
        }
        financeActions.post("api/v1/subsidies/:period/publish") { request, context in
            let period = try await lists.period(context.parameters.get("period"))
            let fields = try await Self.fields(request)
            let timezone = await runtime.config.timezone
            let today = NoticeDates.day(of: runtime.now(), timezone: timezone)
            let start = try NoticeDates.parse(fields["notice_start"], "notice_start", timezone: timezone) ?? today
            let end =
                try NoticeDates.parse(fields["notice_end"], "notice_end", timezone: timezone)
                ?? NoticeDates.adding(days: Self.noticeDays, to: start, timezone: timezone)
            let list = try await lists.publish(period: period, noticeStart: start, noticeEnd: end, by: context.who)
            return ListJSON.Action(list, rescoring: false)
        }
        financeActions.post("api/v1/subsidies/:period/confirm") { _, context in
            let period = try await lists.period(context.parameters.get("period"))
            let list = try await lists.confirm(period: period, by: context.who)
            return ListJSON.Action(list, rescoring: true)
        }
        adminActions.post("api/v1/subsidies/:period/revoke") { request, context in
            let period = try await lists.period(context.parameters.get("period"))
            let reason = try await Self.fields(request, json: true)["reason"] ?? ""
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw APIError(.badRequest, #"revoking needs a written reason: a JSON body {"reason": "…"}"#)
            }
            let list = try await lists.revoke(period: period, by: context.who, reason: reason)
            return ListJSON.Action(list, rescoring: true)
        }
    }

    private func overview(period: String) async throws -> ListJSON.Overview {
        let view = try await lists.view(period: period)
        return try ListJSON.Overview(
            period: period, view: view, config: try await runtime.loaded.model(for: view.result.period).config)
    }

    /// String fields of a JSON object body, else of the query. With `json`, only the body counts
    /// and it must be a JSON object.
    static func fields(_ request: Request, json: Bool = false) async throws -> [String: String] {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        var fields: [String: String] = [:]
        if !json {
            for (name, value) in request.uri.queryParameters { fields[String(name)] = String(value) }
        }
        guard body.readableBytes > 0 else { return fields }
        guard case .object(let object)? = try? JSONParser.parse(Array(buffer: body)) else {
            throw APIError(.badRequest, "the body must be a JSON object")
        }
        for (key, value) in object.pairs {
            guard case .string(let text) = value else {
                throw APIError(.badRequest, "\(key): expected a string")
            }
            fields[key] = text
        }
        return fields
    }
}

/// Notice dates are civil dates (`2025-07-01`) in the config's time zone, kept as that day's midnight.
public enum NoticeDates {
    static func calendar(_ timezone: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timezone) ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
        return calendar
    }

    /// The same time `days` civil days later.
    public static func adding(days: Int, to date: Date, timezone: String) -> Date {
        calendar(timezone).date(byAdding: .day, value: days, to: date) ?? date.addingTimeInterval(Double(days) * 86_400)
    }

    /// Midnight of the day `date` falls on.
    public static func day(of date: Date, timezone: String) -> Date {
        calendar(timezone).startOfDay(for: date)
    }

    /// The years a notice date may fall in: any real notice does, and every day of them (plus the
    /// default 7 days) has a four-digit UTC year, as the API's timestamps need.
    public static let years = 2000...2999

    /// Midnight of `2025-07-01`; nil for nil; `APIError` naming `name` for anything else, including
    /// signs, spaces or a year outside `years`.
    public static func parse(_ text: String?, _ name: String, timezone: String) throws -> Date? {
        guard let text else { return nil }
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let year = digits(b[0..<4]), let month = digits(b[5..<7]), let day = digits(b[8..<10]),
            years.contains(year),
            let date = calendar(timezone).date(from: DateComponents(year: year, month: month, day: day)),
            calendar(timezone).dateComponents([.month, .day], from: date) == DateComponents(month: month, day: day)
        else {
            throw APIError(
                .badRequest,
                "\(name) \(text): expected a date such as 2025-07-01 (years \(years.lowerBound) to \(years.upperBound))"
            )
        }
        return date
    }

    /// The number written by ASCII digits only; nil for anything else.
    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var n = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }
}
