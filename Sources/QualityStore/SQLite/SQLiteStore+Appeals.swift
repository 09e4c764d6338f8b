import Foundation
import GRDB

extension SQLiteStore {
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
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO appeals (period, district, indicator, appeal_text, status, recorded_by, recorded_at,
                                         correction_ids)
                    VALUES (?, ?, ?, ?, 'open', ?, ?, '')
                    """,
                arguments: [appeal.period, appeal.district, appeal.indicator, text, by, StoreTime.millis(at)])
            let stored = Appeal(
                id: db.lastInsertedRowID, period: appeal.period, district: appeal.district,
                indicator: appeal.indicator, text: text, status: .open, recordedBy: by,
                recordedAt: StoreTime.normalized(at))
            try Self.insertAudit(
                db,
                AuditEntry(
                    at: at, who: by, action: .appealRecord, period: appeal.period,
                    detail: "appeal #\(stored.id): district \(appeal.district), indicator \(appeal.indicator)"))
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
        return try await write { db in
            guard var current = try Self.appeal(db, id: id) else {
                throw StoreError.notFound(what: "appeal", key: "#\(id)")
            }
            guard current.status == .open else {
                throw StoreError.alreadyDecided(what: "appeal", id: id, status: current.status.rawValue)
            }
            for correction in correctionIDs {
                let period = try String.fetchOne(
                    db, sql: "SELECT period FROM corrections WHERE id = ?", arguments: [correction])
                guard period == current.period else {
                    throw StoreError.notFound(what: "correction of \(current.period)", key: "#\(correction)")
                }
            }
            current.status = accepted ? .accepted : .rejected
            current.resolvedBy = by
            current.resolvedAt = StoreTime.normalized(at)
            current.resolution = reason.isEmpty ? nil : reason
            current.correctionIDs = accepted ? correctionIDs : []
            try db.execute(
                sql: """
                    UPDATE appeals SET status = ?, resolved_by = ?, resolved_at = ?, resolution = ?, correction_ids = ?
                    WHERE id = ? AND status = 'open'
                    """,
                arguments: [
                    current.status.rawValue, by, StoreTime.millis(at), current.resolution,
                    current.correctionIDs.map(String.init).joined(separator: ","), id,
                ])
            try Self.insertAudit(
                db,
                AuditEntry(
                    at: at, who: by, action: accepted ? .appealAccept : .appealReject, period: current.period,
                    detail: StoreRules.describeResolution(current, reason: reason)))
            return current
        }
    }

    public func appeals(period: String?, district: String?, status: Appeal.Status?) async throws(StoreError)
        -> [Appeal]
    {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.appealColumns) FROM appeals
                    WHERE (? IS NULL OR period = ?) AND (? IS NULL OR district = ?) AND (? IS NULL OR status = ?)
                    ORDER BY id
                    """,
                arguments: [period, period, district, district, status?.rawValue, status?.rawValue]
            ).map(Self.appeal(from:))
        }
    }

    private static func appeal(_ db: Database, id: Int64) throws -> Appeal? {
        try Row.fetchOne(db, sql: "SELECT \(appealColumns) FROM appeals WHERE id = ?", arguments: [id])
            .map(appeal(from:))
    }

    private static func appeal(from row: Row) throws -> Appeal {
        let status: String = row["status"]
        guard let state = Appeal.Status(rawValue: status) else {
            throw StoreError.invalidArgument(name: "appeals.status", message: "unknown status \(status)")
        }
        let ids: String = row["correction_ids"] ?? ""
        return Appeal(
            id: row["id"], period: row["period"], district: row["district"], indicator: row["indicator"],
            text: row["appeal_text"], status: state, recordedBy: row["recorded_by"],
            recordedAt: StoreTime.date(row["recorded_at"]), resolvedBy: row["resolved_by"],
            resolvedAt: (row["resolved_at"] as Int64?).map(StoreTime.date), resolution: row["resolution"],
            correctionIDs: ids.split(separator: ",").compactMap { Int64($0) })
    }
}
