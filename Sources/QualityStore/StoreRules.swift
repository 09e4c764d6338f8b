import Foundation
import QualityCore

/// What every store decides the same way, whatever keeps the rows: who may act, which payouts a
/// frozen list makes, how pull rejections and periods are written and ordered.
public enum StoreRules {
    /// The payouts a frozen result makes when confirmed: its awards granted more than 0 fen, in the period's year.
    public static func payouts(ofFrozen json: [UInt8], period: String) throws(StoreError) -> [Payout] {
        guard let year = Period(period)?.year else {
            throw .invalidArgument(name: "period", message: "\(period) is not a period such as 2025, 2025Q3 or 2025-07")
        }
        let result: AssessmentResult
        do {
            result = try AssessmentResult.parse(json: json)
        } catch {
            throw .invalidResult(period: period, message: "not a result JSON: \(error)")
        }
        guard result.period == period else {
            throw .invalidResult(period: period, message: "the result is of period \(result.period)")
        }
        return result.subsidies.awards.filter { $0.grantedFen > 0 }.map { award in
            Payout(uscc: award.uscc, program: award.program, year: year, grantedFen: award.grantedFen)
        }
    }

    /// The result JSON a run keeps: required for a success, dropped for a failure.
    public static func resultToKeep(_ run: ScoringRun, resultJSON: [UInt8]?) throws(StoreError) -> [UInt8]? {
        switch run.status {
        case .success:
            guard let resultJSON, !resultJSON.isEmpty else {
                throw .invalidArgument(
                    name: "resultJSON", message: "a successful run of \(run.period) needs its result")
            }
            return resultJSON
        case .failure:
            return nil
        }
    }

    /// Refuses an empty actor name: every write says who did it.
    public static func requireName(_ name: String, argument: String) throws(StoreError) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidArgument(name: argument, message: "say who does this")
        }
    }

    /// The reason of a revoke, trimmed; refuses an empty one. `what` names what is revoked
    /// ("list", "sampling plan").
    public static func requireReason(_ reason: String, revoking what: String, of period: String) throws(StoreError)
        -> String
    {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw .invalidArgument(name: "reason", message: "revoking the \(what) of \(period) needs a written reason")
        }
        return reason
    }

    /// Refuses a public notice that ends before it starts.
    public static func requireNotice(start: Date, end: Date) throws(StoreError) {
        guard end >= start else {
            throw .invalidArgument(
                name: "noticeEnd",
                message: "the notice ends (\(StoreTime.iso(end))) before it starts (\(StoreTime.iso(start)))")
        }
    }

    /// The refusal of a list that is already confirmed, naming who confirmed it and when.
    public static func alreadyConfirmed(_ list: SubsidyList) -> StoreError {
        .alreadyConfirmed(period: list.period, by: list.confirmedBy ?? "", at: list.confirmedAt ?? list.publishedAt)
    }

    /// Counts by reason as a JSON object with sorted keys, e.g. `{"duplicate":2,"invalid_uscc":1}`.
    public static func encodeCounts(_ counts: [String: Int]) -> String {
        var writer = JSONWriter(style: .compact)
        writer.beginObject()
        for key in counts.keys.sorted(by: StringSet.precedes) {
            writer.key(key)
            writer.integer(counts[key] ?? 0)
        }
        writer.endObject()
        return writer.string
    }

    /// Reads what `encodeCounts` wrote.
    public static func decodeCounts(_ text: String) throws -> [String: Int] {
        guard case .object(let object) = try JSONParser.parse(Array(text.utf8)) else {
            throw StoreError.invalidArgument(name: "pulls.rejected", message: "expected a JSON object: \(text)")
        }
        var counts: [String: Int] = [:]
        for (key, value) in object.pairs {
            guard let n = value.numberValue, n == n.rounded(), abs(n) < 9e15 else {
                throw StoreError.invalidArgument(name: "pulls.rejected.\(key)", message: "expected a whole number")
            }
            counts[key] = Int(n)
        }
        return counts
    }

    /// Periods in time order (`Period` order); text that is not a period goes last, in byte order.
    public static func sortedPeriods(_ periods: [String]) -> [String] {
        periods.sorted { a, b in
            switch (Period(a), Period(b)) {
            case (let pa?, let pb?): return pa < pb || (!(pb < pa) && StringSet.precedes(a, b))
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return StringSet.precedes(a, b)
            }
        }
    }

    /// `text` trimmed; `invalidArgument` naming `argument` when nothing is left.
    @discardableResult
    public static func requireText(_ text: String, argument: String, _ message: String) throws(StoreError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidArgument(name: argument, message: message) }
        return trimmed
    }

    /// The reason of a proposed correction, trimmed; refuses a correction without a reason, a key or a
    /// fact, or a proposer without a name.
    package static func correctionReason(_ c: NewCorrection, by: String) throws(StoreError) -> String {
        try requireTexts(
            by: by, (c.reason, "reason", "a correction needs a written reason"),
            (c.key, "key", "a correction names the district or enterprise"),
            (c.fact, "fact", "a correction names the fact it corrects"))
    }

    /// The reason of a decision on a correction, trimmed; refuses an empty one, or a decider without a name.
    package static func decisionReason(_ reason: String, by: String) throws(StoreError) -> String {
        try requireTexts(by: by, (reason, "reason", "a decision on a correction needs a written reason"))
    }

    /// An appeal's text, trimmed; refuses an appeal without text, district or indicator, or a recorder
    /// without a name.
    package static func appealText(_ appeal: NewAppeal, by: String) throws(StoreError) -> String {
        try requireTexts(
            by: by, (appeal.text, "text", "an appeal records the district's own words"),
            (appeal.district, "district", "an appeal names the district"),
            (appeal.indicator, "indicator", "an appeal names the indicator"))
    }

    /// The first of `texts` trimmed, once `by` names someone and none of `texts` is empty: each is a
    /// text, the argument it came as, and what the refusal says, checked in order.
    private static func requireTexts(by: String, _ texts: (String, String, String)...) throws(StoreError) -> String {
        try requireName(by, argument: "by")
        var trimmed: [String] = []
        for (text, argument, message) in texts { trimmed.append(try requireText(text, argument: argument, message)) }
        return trimmed.first ?? ""
    }

    /// The reason of an appeal's resolution, trimmed; only a rejection must give one. Refuses a
    /// resolver without a name.
    package static func resolutionReason(_ reason: String, accepted: Bool, by: String) throws(StoreError) -> String {
        try requireName(by, argument: "by")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if !accepted && reason.isEmpty {
            throw .invalidArgument(name: "reason", message: "rejecting an appeal needs a written reason")
        }
        return reason
    }

    /// A correction as the audit log names it.
    public static func describe(_ c: Correction) -> String {
        "\(c.entity.rawValue) \(c.key) \(c.fact) = \(c.valueJSON)"
    }

    /// The audit detail of an appeal's resolution: the district, the corrections it led to, the reason.
    public static func describeResolution(_ appeal: Appeal, reason: String) -> String {
        let led =
            appeal.correctionIDs.isEmpty
            ? "" : ", corrections " + appeal.correctionIDs.map { "#\($0)" }.joined(separator: " ")
        return "appeal #\(appeal.id): district \(appeal.district)\(led)" + (reason.isEmpty ? "" : "; reason: \(reason)")
    }
}
