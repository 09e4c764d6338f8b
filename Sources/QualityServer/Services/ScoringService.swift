import Foundation
import Logging
import NIOCore
import QualityConfig
import QualityCore
import QualityIngest
import QualityRecords
import QualityStore
import ServiceLifecycle

/// Scores the current period when new data or a new config arrives.
///
/// Triggers are coalesced (a burst of pulls gives one run) and runs never overlap: one loop takes
/// them in turn. Before the first trigger it restores the stored result, so the order of installs
/// is the order of this loop. A failed run is stored and counted; the previous result stays served.
package struct ScoringService: Service {
    let runtime: Runtime
    let triggers: CoalescingChannel<Void>

    package func run() async {
        await runtime.restore()
        for await _ in triggers.stream.cancelOnGracefulShutdown() {
            // Only the leader scores (README, "Several replicas"); a follower serves what it stores.
            guard runtime.replica.isLeading else { continue }
            await score()
        }
    }

    /// One run, if there is something to score; returns whether a result was installed.
    @discardableResult
    package func score() async -> Bool {
        guard let input = await runtime.scoringInput() else {
            runtime.logger.debug("scoring waits for every source's first pull")
            return false
        }
        let store = runtime.store
        let started = runtime.now()
        let clock = ContinuousClock.now
        var snapshotSHA256: String?
        do {
            let parts = await runtime.ingest.goodData(period: input.period)
            let payouts = try await store.payouts()
            let (snapshot, assembling) = Self.timed {
                SnapshotAssembler.assemble(period: input.period, sources: parts, confirmedPayouts: payouts)
            }
            // Approved corrections apply on top of the bureaus' data (docs/SEMANTICS.md §14); the
            // snapshot stored stays what the bureaus said.
            let corrections = try await CorrectionService.approved(period: input.period, store: store)
            let model = try input.loaded.model(for: input.period)
            // Stored (canonical JSON, its hash, the write) while it is scored on another core; the
            // result takes the hash of the bytes stored, not a second serialization of the snapshot.
            async let stored = Self.save(snapshot, in: store, createdAt: started)
            let (assessed, assessing) = try Self.timed {
                try input.loaded.assess(snapshot, corrections: corrections, snapshotSHA256: "", sources: input.sources)
            }
            let (info, serialising, writing) = try await stored
            let stages = Stages(
                assembling: assembling, serialising: serialising, writing: writing, assessing: assessing)
            snapshotSHA256 = info.sha256
            var result = assessed.result
            let corrected = assessed.corrected
            result.snapshotSHA256 = info.sha256
            let json = result.json(style: .compact)
            let duration = Self.seconds(ContinuousClock.now - clock)
            let run = try await store.recordRun(
                ScoringRun(
                    period: input.period, configSHA256: input.loaded.resultSHA256, snapshotSHA256: info.sha256,
                    startedAt: started, finishedAt: runtime.now(), durationSeconds: duration, status: .success),
                resultJSON: json)
            let domain = runtime.renderDomain(result, config: model.config)
            runtime.metrics.operational.recordScoring(
                success: true, duration: duration, finishedAt: run.finishedAt.timeIntervalSince1970)
            await runtime.install(
                ServedResult(
                    period: input.period, json: ByteBuffer(bytes: json), run: run, result: result, snapshot: corrected),
                domain: domain)
            runtime.logger.info("\(Self.summary(result, run: run)); \(stages)")
            await runtime.replica.announce(.run)
            await analyseSensitivity(result, loaded: input.loaded, run: run)
            return true
        } catch {
            let duration = Self.seconds(ContinuousClock.now - clock)
            runtime.metrics.operational.recordScoring(
                success: false, duration: duration, finishedAt: runtime.now().timeIntervalSince1970)
            runtime.metrics.publish()
            runtime.logger.error("scoring \(input.period) failed, the previous result stays served: \(error)")
            let failed = ScoringRun(
                period: input.period, configSHA256: input.loaded.resultSHA256, snapshotSHA256: snapshotSHA256,
                startedAt: started, finishedAt: runtime.now(), durationSeconds: duration, status: .failure,
                error: "\(error)")
            do {
                _ = try await store.recordRun(failed, resultJSON: nil)
            } catch {
                runtime.logger.error("the failed run of \(input.period) was not stored either: \(error)")
            }
            return false
        }
    }

    static func summary(_ result: AssessmentResult, run: ScoringRun) -> String {
        let scored = result.districts.filter { $0.total != nil }
        let leader = scored.min { ($0.rank ?? .max) < ($1.rank ?? .max) }
        let lead = leader.map { "first \($0.name) \(String(format: "%.2f", $0.total ?? 0))" } ?? "no district scored"
        return "scored \(result.period): \(scored.count) of \(result.districts.count) districts, \(lead), "
            + "granted \(Money.format(fen: result.subsidies.grantedFen)) yuan, "
            + "\(String(format: "%.3f", run.durationSeconds)) s (run \(run.id ?? 0))"
    }

    /// Stores the snapshot as `Store.saveSnapshot(_:createdAt:)` does, timing its two halves:
    /// `Snapshot.canonical` (the JSON and its hash), and the write.
    static func save(_ snapshot: Snapshot, in store: any Store, createdAt: Date) async throws(StoreError)
        -> (SnapshotInfo, serialising: Duration, writing: Duration)
    {
        let ((json, sha256), serialising) = timed { snapshot.canonical }
        let start = ContinuousClock.now
        let info = try await store.saveSnapshot(
            period: snapshot.period, json: json, sha256: sha256, createdAt: createdAt)
        return (info, serialising, ContinuousClock.now - start)
    }

    /// Where a run's time went, for the log: the snapshot assembled from the sources, then stored
    /// (canonical JSON and hash, then the write) while it is assessed.
    struct Stages: CustomStringConvertible {
        var assembling, serialising, writing, assessing: Duration

        var description: String {
            let f = { (d: Duration) in String(format: "%.3f s", ScoringService.seconds(d)) }
            return "assembled \(f(assembling)), stored \(f(serialising + writing)) (serialised "
                + "\(f(serialising)), written \(f(writing))) while assessed \(f(assessing))"
        }
    }

    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
        let start = ContinuousClock.now
        let value = try body()
        return (value, ContinuousClock.now - start)
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }
}
