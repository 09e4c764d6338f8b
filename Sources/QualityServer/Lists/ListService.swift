import Foundation
import Logging
import NIOCore
import QualityConfig
import QualityCore
import QualityExport
import QualityStore

/// A period's subsidy list as finance works with it (docs/SEMANTICS.md §11, §13): a draft (the latest result, which
/// changes with every run) until published; then the frozen list, confirmed, perhaps revoked.
///
/// Publishing freezes the current result of the period together with the names and policy basis of
/// the config in force (`ListNames`); everything that shows or exports a published or confirmed list
/// reads both from the store, so it stays exactly as published whatever the config does later.
struct ListService: Sendable {
    let runtime: Runtime
    let cache: ResultCache
    /// Asks for a scoring run: confirmed or voided payouts change the next snapshot. On a follower
    /// the run is the leader's, which hears of the change (`ReplicaChange.lists`).
    let scoring: CoalescingChannel<Void>

    /// What the pages, the API and the exports show for a period.
    struct View: Sendable {
        var period: String
        var result: AssessmentResult
        /// The list in force, or else the newest on record (a revoked one).
        var list: QualityStore.SubsidyList?
        /// True when `result` is the frozen list's, false for the current result of a draft.
        var frozen: Bool
        var names: ListNames
        /// The run behind a draft's result.
        var run: ScoringRun?

        /// Where `list` stands; no list is a draft.
        var state: ListState { ListState(list) }
    }

    /// `?period=`, checked, or the served period.
    func period(_ text: String?) async throws -> String {
        if let text {
            guard let period = Period(text) else {
                throw APIError(.badRequest, "period \(text): expected a period such as 2025, 2025Q3 or 2025-07")
            }
            return period.description
        }
        if let served = await runtime.served { return served.period }
        return await runtime.period.description
    }

    /// The period's latest result: the served one, or the latest stored run.
    func current(period: String) async throws -> (result: AssessmentResult, run: ScoringRun?) {
        if let served = await runtime.served, served.period == period {
            guard let result = served.result else { throw ServingError.parsing(period: period) }
            return (result, served.run)
        }
        let stored = try await runtime.store.latestSuccessfulRun(period: period)
        guard let stored else { throw APIError(.notFound, "no result for period \(period)") }
        return (try stored.result(), stored.run)
    }

    func view(period: String) async throws -> View {
        let store = runtime.store
        // The list's metadata first: a frozen result already parsed needs no blob read.
        let last = try await store.listHistory(period: period).first
        if let last, last.status == .published || last.status == .confirmed,
            let result = await cache.frozenResult(list: last.id), let names = await cache.names(list: last.id)
        {
            return View(
                period: period, result: result, list: last, frozen: true, names: names)
        }
        if let frozen = try await store.currentList(period: period) {
            // A stored result or list that does not parse is the server's fault: a 500, logged.
            let result = try await cache.result(of: frozen)
            let names: ListNames
            if let labels = frozen.labelsJSON {
                names = try ListNames.parse(json: labels)
                await cache.remember(names: names, list: frozen.list.id)
            } else {
                names = ListNames(config: try await runtime.loaded.model(for: period).config)
            }
            return View(
                period: period, result: result, list: frozen.list, frozen: true,
                names: names)
        }
        let (result, run) = try await current(period: period)
        return View(
            period: period, result: result, list: last, frozen: false,
            names: ListNames(config: try await runtime.loaded.model(for: period).config), run: run)
    }

    /// Freezes the period's current result for public notice, with the names of the config in force.
    func publish(period: String, noticeStart: Date, noticeEnd: Date, by who: String) async throws
        -> QualityStore.SubsidyList
    {
        try await CorrectionService.checkNoOpenAppeals(period: period, runtime: runtime)
        let (json, sha256) = try await currentJSON(period: period)
        let loaded = await runtime.loaded
        guard sha256 == nil || sha256 == loaded.resultSHA256 else {
            throw APIError(
                .conflict,
                "the result of \(period) was scored with config \(sha256 ?? "?"), not the config in force "
                    + "\(loaded.resultSHA256); publish after it is scored again")
        }
        let labels = ListNames(config: try loaded.model(for: period).config).json()
        let list = try await runtime.store.publishList(
            period: period, resultJSON: json, labelsJSON: labels, noticeStart: noticeStart, noticeEnd: noticeEnd,
            by: who, at: runtime.now())
        await runtime.replica.announce(.lists)
        return list
    }

    /// Confirms the published list (the store records its payouts), then asks for a new scoring run.
    func confirm(period: String, by who: String) async throws -> QualityStore.SubsidyList {
        let list = try await runtime.store.confirmList(period: period, by: who, at: runtime.now())
        scoring.send()
        await runtime.replica.announce(.lists)
        return list
    }

    /// Revokes the confirmed list and voids its payouts, then asks for a new scoring run.
    func revoke(period: String, by who: String, reason: String) async throws -> QualityStore.SubsidyList {
        let list = try await runtime.store.revokeList(period: period, by: who, reason: reason, at: runtime.now())
        scoring.send()
        await runtime.replica.announce(.lists)
        return list
    }

    /// The period's current result JSON as stored, and the config hash it names.
    private func currentJSON(period: String) async throws -> (json: [UInt8], configSHA256: String?) {
        if let served = await runtime.served, served.period == period, let result = served.result {
            return (Array(buffer: served.json), result.configSHA256)
        }
        let stored = try await runtime.store.latestSuccessfulRun(period: period)
        guard let stored else { throw APIError(.notFound, "no result for period \(period) to publish") }
        return (stored.json, try stored.result().configSHA256)
    }
}
