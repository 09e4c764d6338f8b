import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    private static let appealColumns = """
        id, period, district, indicator, appeal_text, status, recorded_by, recorded_at, resolved_by, resolved_at, \
        resolution, correction_ids
        """

    public func recordAppeal(_ appeal: NewAppeal, by: String, at: Date) async throws(StoreError) -> Appeal {
        try StoreRules.requireName(by, argument: "by")
        let text = try StoreRules.requireText(
            appeal.text, argument: "text", "an appeal records the district's own words")
        try StoreRules.requireText(appeal.district, argument: "district", "an appeal names the district")
        try StoreRules.requireText(appeal.indicator, argument: "indicator", "an appeal names the indicator")
        return try await transaction { transaction in
            let id = try Self.id(
                await transaction.rows(
                    """
                    INSERT INTO appeals (period, district, indicator, appeal_text, status, recorded_by, recorded_at,
                                         correction_ids)
                    VALUES (\(appeal.period), \(appeal.district), \(appeal.indicator), \(text), 'open', \(by),
                            \(StoreTime.millis(at)), '')
                    RETURNING id
                    """))
            let stored = Appeal(
                id: id, period: appeal.period, district: appeal.district, indicator: appeal.indicator, text: text,
                status: .open, recordedBy: by, recordedAt: StoreTime.normalized(at))
            try await Self.insertAudit(
                transaction,
                AuditEntry(
                    at: at, who: by, action: .appealRecord, period: appeal.period,
                    detail: "appeal #\(id): district \(appeal.district), indicator \(appeal.indicator)"))
            return stored
        }
    }

    public func resolveAppeal(
        id: Int64, accepted: Bool, reason: String, correctionIDs: [Int64], by: String, at: Date
    ) async throws(StoreError) -> Appeal {
        try StoreRules.requireName(by, argument: "by")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if !accepted && reason.isEmpty {
            throw .invalidArgument(name: "reason", message: "rejecting an appeal needs a written reason")
        }
        return try await transaction { transaction in
            guard
                var current = try await transaction.row(
                    "SELECT \(unescaped: Self.appealColumns) FROM appeals WHERE id = \(id) FOR UPDATE"
                ).map(Self.appeal(from:))
            else { throw StoreError.notFound(what: "appeal", key: "#\(id)") }
            guard current.status == .open else {
                throw StoreError.alreadyDecided(what: "appeal", id: id, status: current.status.rawValue)
            }
            for correction in correctionIDs {
                let period = try await transaction.row("SELECT period FROM corrections WHERE id = \(correction)")?
                    .get("period", as: String.self)
                guard period == current.period else {
                    throw StoreError.notFound(what: "correction of \(current.period)", key: "#\(correction)")
                }
            }
            current.status = accepted ? .accepted : .rejected
            current.resolvedBy = by
            current.resolvedAt = StoreTime.normalized(at)
            current.resolution = reason.isEmpty ? nil : reason
            current.correctionIDs = accepted ? correctionIDs : []
            let ids = current.correctionIDs.map(String.init).joined(separator: ",")
            try await transaction.execute(
                """
                UPDATE appeals SET status = \(current.status.rawValue), resolved_by = \(by),
                                   resolved_at = \(StoreTime.millis(at)), resolution = \(current.resolution),
                                   correction_ids = \(ids)
                WHERE id = \(id) AND status = 'open'
                """)
            try await Self.insertAudit(
                transaction,
                AuditEntry(
                    at: at, who: by, action: accepted ? .appealAccept : .appealReject, period: current.period,
                    detail: StoreRules.describeResolution(current, reason: reason)))
            return current
        }
    }

    public func appeals(period: String?, district: String?, status: Appeal.Status?) async throws(StoreError)
        -> [Appeal]
    {
        try await read(
            """
            SELECT \(unescaped: Self.appealColumns) FROM appeals
            WHERE (\(period)::text IS NULL OR period = \(period)) AND (\(district)::text IS NULL OR district = \(district))
              AND (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue))
            ORDER BY id
            """
        ) { rows in try rows.map(Self.appeal(from:)) }
    }

    private static func appeal(from row: PostgresRandomAccessRow) throws -> Appeal {
        let status: String = try row.get("status")
        guard let state = Appeal.Status(rawValue: status) else {
            throw StoreError.invalidArgument(name: "appeals.status", message: "unknown status \(status)")
        }
        let ids: String = try row.get("correction_ids", as: String?.self) ?? ""
        return Appeal(
            id: try row.get("id"), period: try row.get("period"), district: try row.get("district"),
            indicator: try row.get("indicator"), text: try row.get("appeal_text"), status: state,
            recordedBy: try row.get("recorded_by"), recordedAt: try row.date("recorded_at"),
            resolvedBy: try row.get("resolved_by", as: String?.self), resolvedAt: try row.optionalDate("resolved_at"),
            resolution: try row.get("resolution", as: String?.self),
            correctionIDs: ids.split(separator: ",").compactMap { Int64($0) })
    }
}
