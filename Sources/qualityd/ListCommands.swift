import ArgumentParser
import Foundation
import QualityConfig
import QualityCore
import QualityExport
import QualityServer
import QualityStore

/// `qualityd publish`: freezes the period's latest stored result for public notice (公示), as
/// `POST /api/v1/subsidies/{period}/publish` does, with the names of the config given.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a period's subsidy list for public notice (公示)."
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var list: ListOptions

    @Option(name: .customLong("notice-start"), help: "First day of the notice, e.g. 2025-07-01 (default today).")
    var noticeStart: String?

    @Option(name: .customLong("notice-days"), help: "Days on notice (default 7).")
    var noticeDays: Int = 7

    func validate() throws {
        guard noticeDays >= 0 else { throw ValidationError("--notice-days \(noticeDays): expected 0 or more") }
    }

    func run() async throws {
        let (loaded, store) = try await options.loadWithStore()
        let (period, by) = (list.period.period, list.by)
        let timezone = loaded.config.timezone
        let start: Date
        do {
            start =
                try NoticeDates.parse(noticeStart, "--notice-start", timezone: timezone)
                ?? NoticeDates.day(of: Date(), timezone: timezone)
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
        let end = NoticeDates.adding(days: noticeDays, to: start, timezone: timezone)
        let list = try await ListCommand.publish(
            loaded, store: store, period: period, noticeStart: start, noticeEnd: end, by: by)
        printError(ListCommand.summary("published", list, store: store))
    }
}

/// `qualityd confirm` (docs/SEMANTICS.md §2): confirms a period's subsidy list and records its payouts, against
/// the store directly. A published list is confirmed as published. Without one, the period's latest
/// stored result is published and confirmed in one step (the audit log shows both), so that a
/// finance office without the web interface can still freeze a list. Exit 1 when there is nothing to
/// confirm or the list is already confirmed. A running daemon counts the payouts from its next
/// scoring run (a new pull, or SIGHUP / `POST /-/reload`).
struct ConfirmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Confirm a period's subsidy list (确认奖励名单) and record its payouts."
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var list: ListOptions

    func run() async throws {
        let (loaded, store) = try await options.loadWithStore()
        let (period, by) = (list.period.period, list.by)
        let current = try await storeCall { () async throws(StoreError) in try await store.currentList(period: period) }
        if current == nil {
            let now = Date()
            _ = try await ListCommand.publish(
                loaded, store: store, period: period, noticeStart: now, noticeEnd: now, by: by)
        }
        do throws(StoreError) {
            let list = try await store.confirmList(period: period, by: by, at: Date())
            let how = current == nil ? "published and confirmed" : "confirmed"
            printError(ListCommand.summary(how, list, store: store))
        } catch {
            switch error {
            case .alreadyConfirmed, .notPublished: throw CommandFailure(.invalidInput, error.description)
            default: throw CommandFailure(.runtime, error.description)
            }
        }
    }
}

/// `--period P --by WHO`: the list a list command acts on, and who acts (recorded in the audit log).
struct ListOptions: ParsableArguments {
    @OptionGroup var period: PeriodOption

    @Option(help: "Who does it (recorded in the audit log).")
    var by: String

    func validate() throws {
        guard !by.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--by: say who does this") }
    }
}

enum ListCommand {
    /// Publishes the period's latest stored result with the names of `loaded`; the result must have
    /// been scored with that very config, so that names and amounts belong together.
    static func publish(
        _ loaded: LoadedConfig, store: any CopyableStore, period: String, noticeStart: Date, noticeEnd: Date, by: String
    ) async throws -> QualityStore.SubsidyList {
        let stored = try await storeCall { () async throws(StoreError) in
            try await store.latestSuccessfulRun(period: period)
        }
        guard let stored else {
            throw CommandFailure(
                .invalidInput,
                "nothing to publish or confirm: no published list and no scored result of \(period) in \(store.location)"
            )
        }
        guard stored.run.configSHA256 == loaded.resultSHA256 else {
            throw CommandFailure(
                .invalidInput,
                "the latest result of \(period) (run \(stored.run.id ?? 0)) was scored with config "
                    + "\(stored.run.configSHA256), not \(loaded.path) (\(loaded.resultSHA256)); let the daemon score it again"
            )
        }
        let names = ListNames(config: try policy(loaded, for: period).config)
        do throws(StoreError) {
            return try await store.publishList(
                period: period, resultJSON: stored.json, labelsJSON: names.json(),
                noticeStart: noticeStart, noticeEnd: noticeEnd, by: by, at: Date())
        } catch {
            if case .alreadyConfirmed = error { throw CommandFailure(.invalidInput, error.description) }
            throw CommandFailure(.runtime, error.description)
        }
    }

    static func summary(_ how: String, _ list: QualityStore.SubsidyList, store: any CopyableStore) -> String {
        "\(store.location): \(how) the subsidy list of \(list.period) (list #\(list.id)): \(list.payoutCount) payouts, "
            + "\(Money.format(fen: list.grantedFen)) yuan, sha256 \(list.sha256)"
    }
}
