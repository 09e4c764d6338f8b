import Foundation
import QualityCore

// What each write makes of a stored value and how the audit log says it, once for both stores:
// a store runs the statements (`StoreStatement+Decisions.swift`) that write the changed value.

extension PullRecord {
    /// The pull as stored: its id, its times to the millisecond.
    package func stored(id: Int64) -> PullRecord {
        var stored = self
        stored.id = id
        stored.startedAt = StoreTime.normalized(startedAt)
        stored.finishedAt = StoreTime.normalized(finishedAt)
        return stored
    }
}

extension ScoringRun {
    /// The run as stored with `resultJSON` (see `StoreRules.resultToKeep`): its id, its times to the millisecond.
    package func stored(id: Int64, resultJSON: [UInt8]?) -> ScoringRun {
        var stored = self
        stored.id = id
        stored.startedAt = StoreTime.normalized(startedAt)
        stored.finishedAt = StoreTime.normalized(finishedAt)
        stored.resultSize = resultJSON?.count ?? 0
        return stored
    }
}

extension SnapshotInfo {
    /// A stored snapshot's info, its time to the millisecond.
    package init(id: Int64, period: String, json: [UInt8], sha256: String, createdAt: Date) {
        self.init(id: id, period: period, sha256: sha256, createdAt: StoreTime.normalized(createdAt), size: json.count)
    }
}

extension AuditEntry {
    /// The entry as appended: its id, its time to the millisecond.
    package func stored(id: Int64) -> AuditEntry {
        var stored = self
        stored.id = id
        stored.at = StoreTime.normalized(at)
        return stored
    }
}

extension SubsidyList {
    /// The list `resultJSON` makes when published, its payouts counted; its id is the store's to give.
    /// Refuses a publisher without a name, a notice that ends before it starts and a result that is
    /// not one of `period`.
    package static func published(
        period: String, resultJSON: [UInt8], noticeStart: Date, noticeEnd: Date, by: String, at: Date
    ) throws(StoreError) -> SubsidyList {
        try StoreRules.requireName(by, argument: "by")
        try StoreRules.requireNotice(start: noticeStart, end: noticeEnd)
        let payouts = try StoreRules.payouts(ofFrozen: resultJSON, period: period)
        return SubsidyList(
            id: 0, period: period, status: .published, sha256: SHA256.hex(resultJSON), size: resultJSON.count,
            payoutCount: payouts.count, grantedFen: payouts.reduce(Int64(0)) { $0 + $1.grantedFen },
            noticeStart: StoreTime.normalized(noticeStart), noticeEnd: StoreTime.normalized(noticeEnd),
            publishedBy: by, publishedAt: StoreTime.normalized(at))
    }

    /// Confirms the published list; refuses one already confirmed.
    package mutating func confirm(by: String, at: Date) throws(StoreError) {
        if status == .confirmed { throw StoreRules.alreadyConfirmed(self) }
        status = .confirmed
        confirmedBy = by
        confirmedAt = StoreTime.normalized(at)
    }

    /// Revokes the confirmed list; refuses one that is not confirmed.
    package mutating func revoke(by: String, reason: String, at: Date) throws(StoreError) {
        guard status == .confirmed else { throw .notConfirmed(period: period, status: status) }
        status = .revoked
        revokedBy = by
        revokedAt = StoreTime.normalized(at)
        revokeReason = reason
    }
}

extension SamplingPlanRecord {
    /// The record of a plan drawn now; its id is the store's to give.
    package static func drawn(_ plan: NewSamplingPlan, by: String, at: Date) -> SamplingPlanRecord {
        SamplingPlanRecord(
            id: 0, period: plan.period, status: .drawn, seed: plan.seed, inputSHA256: plan.inputSHA256,
            sha256: SHA256.hex(plan.json), population: plan.population, selected: plan.selected, drawnBy: by,
            drawnAt: StoreTime.normalized(at))
    }

    package mutating func revoke(by: String, reason: String, at: Date) {
        status = .revoked
        revokedBy = by
        revokedAt = StoreTime.normalized(at)
        revokeReason = reason
    }
}

extension Correction {
    /// The correction as proposed, with its checked reason (`StoreRules.correctionReason`); its id is the store's to give.
    package static func proposed(_ correction: NewCorrection, reason: String, by: String, at: Date) -> Correction {
        Correction(
            id: 0, period: correction.period, entity: correction.entity, key: correction.key, fact: correction.fact,
            valueJSON: correction.valueJSON, reason: reason, evidence: correction.evidence, status: .proposed,
            proposedBy: by, proposedAt: StoreTime.normalized(at))
    }

    /// Approves or rejects the proposed correction; refuses one already decided, or decided by its proposer.
    package mutating func decide(approve: Bool, by: String, reason: String, at: Date) throws(StoreError) {
        guard status == .proposed else { throw .alreadyDecided(what: "correction", id: id, status: status.rawValue) }
        guard proposedBy != by else { throw .sameSigner(what: "correction", id: id, by: by) }
        status = approve ? .approved : .rejected
        decidedBy = by
        decidedAt = StoreTime.normalized(at)
        decisionReason = reason
    }
}

extension Appeal {
    /// The appeal as recorded, open, with its checked text (`StoreRules.appealText`); its id is the store's to give.
    package static func recorded(_ appeal: NewAppeal, text: String, by: String, at: Date) -> Appeal {
        Appeal(
            id: 0, period: appeal.period, district: appeal.district, indicator: appeal.indicator, text: text,
            status: .open, recordedBy: by, recordedAt: StoreTime.normalized(at))
    }

    /// Resolves the open appeal; refuses one not open, or corrections not of its period (`periods`
    /// holds each of `correctionIDs`' period, nil for one not stored).
    package mutating func resolve(
        accepted: Bool, reason: String, correctionIDs: [Int64], periods: [String?], by: String, at: Date
    ) throws(StoreError) {
        guard status == .open else { throw .alreadyDecided(what: "appeal", id: id, status: status.rawValue) }
        for (correction, period) in zip(correctionIDs, periods) where period != self.period {
            throw .notFound(what: "correction of \(self.period)", key: "#\(correction)")
        }
        status = accepted ? .accepted : .rejected
        resolvedBy = by
        resolvedAt = StoreTime.normalized(at)
        resolution = reason.isEmpty ? nil : reason
        self.correctionIDs = accepted ? correctionIDs : []
    }
}

extension AuditEntry {
    package static func publication(
        of list: SubsidyList, noticeStart: Date, noticeEnd: Date, superseding superseded: Int64?, at: Date
    ) -> AuditEntry {
        let notice = "\(StoreTime.iso(noticeStart)) to \(StoreTime.iso(noticeEnd))"
        let supersedes = superseded.map { "; supersedes list #\($0)" } ?? ""
        return AuditEntry(
            at: at, who: list.publishedBy, action: .publish, period: list.period,
            detail:
                "list #\(list.id) on notice \(notice); \(list.payoutCount) payouts, \(list.grantedFen) fen\(supersedes)",
            sha256: list.sha256, rows: list.payoutCount)
    }

    package static func confirmation(of list: SubsidyList, payouts: Int, by: String, at: Date) -> AuditEntry {
        AuditEntry(
            at: at, who: by, action: .confirm, period: list.period,
            detail: "list #\(list.id): \(payouts) payouts recorded, \(list.grantedFen) fen", sha256: list.sha256,
            rows: payouts)
    }

    package static func revocation(of list: SubsidyList, voided: Int, by: String, reason: String, at: Date)
        -> AuditEntry
    {
        AuditEntry(
            at: at, who: by, action: .revoke, period: list.period,
            detail: "list #\(list.id): \(voided) payouts voided; reason: \(reason)", sha256: list.sha256, rows: voided)
    }

    package static func draw(of record: SamplingPlanRecord, at: Date) -> AuditEntry {
        AuditEntry(
            at: at, who: record.drawnBy, action: .samplingDraw, period: record.period,
            detail:
                "plan #\(record.id): seed \(record.seed), \(record.selected) of \(record.population) enterprises, "
                + "input_sha256 \(record.inputSHA256)",
            sha256: record.sha256, rows: record.selected)
    }

    package static func revocation(of record: SamplingPlanRecord, by: String, reason: String, at: Date) -> AuditEntry {
        AuditEntry(
            at: at, who: by, action: .samplingRevoke, period: record.period,
            detail: "plan #\(record.id) (seed \(record.seed)); reason: \(reason)", sha256: record.sha256,
            rows: record.selected)
    }

    package static func proposal(of c: Correction, at: Date) -> AuditEntry {
        AuditEntry(
            at: at, who: c.proposedBy, action: .correctionPropose, period: c.period,
            detail: "correction #\(c.id): \(StoreRules.describe(c)); reason: \(c.reason)")
    }

    package static func decision(on c: Correction, approve: Bool, by: String, reason: String, at: Date) -> AuditEntry {
        AuditEntry(
            at: at, who: by, action: approve ? .correctionApprove : .correctionReject, period: c.period,
            detail: "correction #\(c.id): \(StoreRules.describe(c)), proposed by \(c.proposedBy); reason: \(reason)")
    }

    package static func record(of appeal: Appeal, at: Date) -> AuditEntry {
        AuditEntry(
            at: at, who: appeal.recordedBy, action: .appealRecord, period: appeal.period,
            detail: "appeal #\(appeal.id): district \(appeal.district), indicator \(appeal.indicator)")
    }

    package static func resolution(of appeal: Appeal, accepted: Bool, by: String, reason: String, at: Date)
        -> AuditEntry
    {
        AuditEntry(
            at: at, who: by, action: accepted ? .appealAccept : .appealReject, period: appeal.period,
            detail: StoreRules.describeResolution(appeal, reason: reason))
    }
}
