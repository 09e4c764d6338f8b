import Foundation
import Hummingbird
import QualityCore
import QualityExport
import QualityStore

/// Subsidy lists as the API writes them.
enum ListJSON {
    /// A list's state: `status` (draft, published, superseded, confirmed, revoked) and, for a stored
    /// list, its id, the SHA-256 of its frozen result, payouts and who did what when.
    struct State: Encodable {
        var status: String
        @Nullable var id: Int64?
        @Nullable var sha256: String?
        @Nullable var payoutCount: Int?
        @Nullable var grantedFen: Int64?
        @Nullable var noticeStart: Date?
        @Nullable var noticeEnd: Date?
        @Nullable var publishedBy: String?
        @Nullable var publishedAt: Date?
        @Nullable var confirmedBy: String?
        @Nullable var confirmedAt: Date?
        @Nullable var revokedBy: String?
        @Nullable var revokedAt: Date?
        @Nullable var revokeReason: String?
    }

    /// `{"list": …, "rescoring"}` after an action, with whether a new scoring run was asked for.
    struct Action: ResponseEncodable {
        var list: State
        var rescoring: Bool

        init(_ list: QualityStore.SubsidyList, rescoring: Bool) {
            self.list = State(list)
            self.rescoring = rescoring
        }
    }

    /// One program's row: enterprises granted more than 0, requested and granted fen, the budget.
    struct ProgramSum: Encodable {
        var id: String
        @Nullable var name: Localized?
        @Nullable var basis: String?
        @Nullable var budgetFen: Int64?
        var enterprises: Int
        var requestedFen, grantedFen: Int64
    }

    /// `GET /api/v1/subsidies`: the period's list, its state and its sums by program; `subsidies`
    /// is the result's own `subsidies` object, as the core writes it (docs/SEMANTICS.md §8).
    struct Overview: ResponseEncodable {
        var period: String
        var frozen: Bool
        var list: State
        @Nullable var configSHA256: String?
        @Nullable var snapshotSHA256: String?
        var programs: [ProgramSum]
        var subsidies: JSONValue
    }
}

extension ListJSON.State {
    init(_ list: QualityStore.SubsidyList?) {
        self.init(
            status: ListState(list).status.rawValue, id: list?.id, sha256: list?.sha256, payoutCount: list?.payoutCount,
            grantedFen: list?.grantedFen, noticeStart: list?.noticeStart, noticeEnd: list?.noticeEnd,
            publishedBy: list?.publishedBy, publishedAt: list?.publishedAt, confirmedBy: list?.confirmedBy,
            confirmedAt: list?.confirmedAt, revokedBy: list?.revokedBy, revokedAt: list?.revokedAt,
            revokeReason: list?.revokeReason)
    }
}

extension ListJSON.Overview {
    init(period: String, view: ListService.View, config: Config) throws {
        var subsidies = JSONWriter(style: .compact, reserve: 1024 + view.result.subsidies.awards.count * 200)
        view.result.subsidies.write(into: &subsidies)
        self.init(
            period: period, frozen: view.frozen, list: ListJSON.State(view.list),
            configSHA256: view.result.configSHA256, snapshotSHA256: view.result.snapshotSHA256,
            programs: Self.programs(view, config: config), subsidies: try JSONParser.parse(subsidies.bytes))
    }

    /// Per program, in config order (then programs only the result knows).
    private static func programs(_ view: ListService.View, config: Config) -> [ListJSON.ProgramSum] {
        let sums = SubsidiesPage(config: config, result: view.result, context: PageContext()).sums
        let names = Dictionary(view.names.programs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return sums.map { sum in
            ListJSON.ProgramSum(
                id: sum.id, name: Localized(names[sum.id]?.name), basis: names[sum.id]?.basis,
                budgetFen: config.program(id: sum.id)?.budgetYuan.flatMap { Money.fen(yuan: $0) },
                enterprises: sum.enterprises, requestedFen: sum.requestedFen, grantedFen: sum.grantedFen)
        }
    }
}
