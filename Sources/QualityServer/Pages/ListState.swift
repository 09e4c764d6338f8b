import Foundation
import QualityStore

/// Where a period's subsidy list stands, as the finance pages show it.
package struct ListState: Sendable, Equatable {
    package enum Status: String, Sendable, Equatable {
        /// Not published: the list is the latest result and changes with every run.
        case draft
        /// Frozen for public notice (公示).
        case published
        /// A published list replaced by a later publication.
        case superseded
        /// Confirmed by finance; its payouts count as paid.
        case confirmed
        /// A confirmed list voided, with a reason.
        case revoked
    }

    package var status: Status
    package var noticeStart: Date?
    package var noticeEnd: Date?
    package var publishedBy: String?
    package var publishedAt: Date?
    package var confirmedBy: String?
    package var confirmedAt: Date?
    package var revokedBy: String?
    package var revokedAt: Date?
    package var revokeReason: String?

    package static let draft = ListState(status: .draft)

    /// The banner of the finance pages: the status, then who did what when.
    func banner(_ w: inout HTMLWriter, _ c: PageContext, id: String = "list-status") {
        PageLayout.banner(&w, kind: status == .draft || status == .published ? "info" : "warn", id: id) { w in
            w.element("strong", ["data-status": status.rawValue], text: name(c))
            w.text(c.t("：", ": ") + describe(c))
        }
    }

    /// Who did what when, after the status name.
    func describe(_ c: PageContext) -> String {
        let by: (String?) -> String = { $0 ?? "—" }
        let at: (Date?) -> String = { $0.map(c.time) ?? "—" }
        let notice: String = {
            guard let s = noticeStart, let e = noticeEnd else { return "" }
            let (from, to) = (PageFormat.date(s, timezone: c.timezone), PageFormat.date(e, timezone: c.timezone))
            return c.t("，公示期 \(from) 至 \(to)", "; notice period \(from) to \(to)")
        }()
        switch status {
        case .draft:
            return c.t("名单尚未公示，随每次评分变化。", "not yet published; the list changes with every scoring run.")
        case .published:
            return c.t(
                "\(by(publishedBy)) 于 \(at(publishedAt)) 发布\(notice)。",
                "by \(by(publishedBy)) at \(at(publishedAt))\(notice).")
        case .superseded:
            return c.t(
                "\(by(publishedBy)) 于 \(at(publishedAt)) 发布的名单已由新版本取代。",
                "the list published by \(by(publishedBy)) at \(at(publishedAt)) was replaced.")
        case .confirmed:
            return c.t(
                "\(by(confirmedBy)) 于 \(at(confirmedAt)) 确认，奖励已记入发放记录\(notice)。",
                "by \(by(confirmedBy)) at \(at(confirmedAt)); its payouts are recorded\(notice).")
        case .revoked:
            return c.t(
                "\(by(revokedBy)) 于 \(at(revokedAt)) 撤销，原因：\(revokeReason ?? "—")。",
                "by \(by(revokedBy)) at \(at(revokedAt)); reason: \(revokeReason ?? "—").")
        }
    }

    func name(_ c: PageContext) -> String {
        switch status {
        case .draft: c.t("草稿", "Draft")
        case .published: c.t("公示中", "Published")
        case .superseded: c.t("已替换", "Superseded")
        case .confirmed: c.t("已确认", "Confirmed")
        case .revoked: c.t("已撤销", "Revoked")
        }
    }
}

extension ListState {
    /// The state of a stored list; nil (no list in force or on record) is a draft.
    package init(_ list: SubsidyList?) {
        guard let list else {
            self.init(status: .draft)
            return
        }
        let status: Status =
            switch list.status {
            case .published: .published
            case .superseded: .superseded
            case .confirmed: .confirmed
            case .revoked: .revoked
            }
        self.init(
            status: status, noticeStart: list.noticeStart, noticeEnd: list.noticeEnd, publishedBy: list.publishedBy,
            publishedAt: list.publishedAt, confirmedBy: list.confirmedBy, confirmedAt: list.confirmedAt,
            revokedBy: list.revokedBy, revokedAt: list.revokedAt, revokeReason: list.revokeReason)
    }
}
