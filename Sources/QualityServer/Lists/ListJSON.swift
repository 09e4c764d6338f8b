import Foundation
import QualityCore
import QualityExport
import QualityIngest
import QualityStore

/// Subsidy lists as the API writes them.
enum ListJSON {
    /// A list's state: `status` (draft, published, superseded, confirmed, revoked) and, for a stored
    /// list, its id, the SHA-256 of its frozen result, payouts and who did what when.
    static func write(_ list: QualityStore.SubsidyList?, into w: inout JSONWriter) {
        w.beginObject()
        w.key("status")
        w.string(ListState(list).status.rawValue)
        w.key("id")
        w.integer(list?.id)
        w.key("sha256")
        w.string(list?.sha256)
        w.key("payout_count")
        w.integer(list?.payoutCount)
        w.key("granted_fen")
        w.integer(list?.grantedFen)
        func time(_ key: String, _ date: Date?) {
            w.key(key)
            w.string(date?.iso8601UTC)
        }
        func name(_ key: String, _ who: String?) {
            w.key(key)
            w.string(who)
        }
        time("notice_start", list?.noticeStart)
        time("notice_end", list?.noticeEnd)
        name("published_by", list?.publishedBy)
        time("published_at", list?.publishedAt)
        name("confirmed_by", list?.confirmedBy)
        time("confirmed_at", list?.confirmedAt)
        name("revoked_by", list?.revokedBy)
        time("revoked_at", list?.revokedAt)
        w.key("revoke_reason")
        w.string(list?.revokeReason)
        w.endObject()
    }

    /// `{"list": …}` after an action, with whether a new scoring run was asked for.
    static func action(_ list: QualityStore.SubsidyList, rescoring: Bool) -> [UInt8] {
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.key("list")
        write(list, into: &w)
        w.key("rescoring")
        w.bool(rescoring)
        w.endObject()
        return w.bytes
    }

    /// Per program, in config order (then programs only the result knows): enterprises granted more
    /// than 0, requested and granted fen, and the program's budget.
    static func programs(_ view: ListService.View, config: Config, into w: inout JSONWriter) {
        let sums = SubsidiesPage(config: config, result: view.result, context: PageContext()).sums
        let names = Dictionary(view.names.programs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        w.beginArray()
        for sum in sums {
            let entry = names[sum.id]
            w.beginObject()
            w.key("id")
            w.string(sum.id)
            w.key("name")
            EnterpriseExplanationJSON.localized(entry?.name, into: &w)
            w.key("basis")
            w.string(entry?.basis)
            w.key("budget_fen")
            w.integer(config.program(id: sum.id)?.budgetYuan.flatMap { Money.fen(yuan: $0) })
            w.key("enterprises")
            w.integer(sum.enterprises)
            w.key("requested_fen")
            w.integer(sum.requestedFen)
            w.key("granted_fen")
            w.integer(sum.grantedFen)
            w.endObject()
        }
        w.endArray()
    }
}
