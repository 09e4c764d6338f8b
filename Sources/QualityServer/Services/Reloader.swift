import Foundation
import Logging
import QualityConfig
import QualityCore
import QualityStore

/// Reloads the config file (SIGHUP and `POST /-/reload` both come here).
///
/// A config that does not load is refused with every error logged, the old one stays in force and
/// `qualityd_config_last_reload_successful` drops to 0. A good one replaces config and model,
/// reschedules the pulls and asks for a scoring run. Both are audited (`reload`). Reloads are
/// serialized by this actor.
package actor Reloader {
    /// How a reload ended.
    package enum Outcome: Sendable {
        case reloaded(LoadedConfig)
        case refused(ConfigErrors)
    }

    let runtime: Runtime
    let environment: [String: String]
    let schedule: CoalescingChannel<[SourceConfig]>
    let scoring: CoalescingChannel<Void>

    package init(
        runtime: Runtime, environment: [String: String], schedule: CoalescingChannel<[SourceConfig]>,
        scoring: CoalescingChannel<Void>
    ) {
        self.runtime = runtime
        self.environment = environment
        self.schedule = schedule
        self.scoring = scoring
    }

    /// Loads the config file anew; `who` names the requester in the log and the audit log.
    @discardableResult
    package func reload(who: String) async -> Outcome {
        let path = await runtime.loaded.path
        let logger = runtime.logger
        let outcome: Outcome
        do {
            let next = try ConfigLoader.load(path: path, environment: environment)
            let sources = try await runtime.apply(next)
            for warning in next.warnings { logger.warning("\(warning.description)") }
            schedule.send(sources)
            scoring.send()
            let summary = "\(next.config.districts.count) districts, \(sources.count) sources"
            logger.notice("config reloaded by \(who) from \(path): sha256 \(next.sha256), \(summary)")
            outcome = .reloaded(next)
        } catch {
            await runtime.setReloadSuccessful(false)
            logger.error("config reload by \(who) refused, the previous config stays in force:")
            for issue in error.issues { logger.error("\(issue.description)") }
            outcome = .refused(error)
        }
        await audit(outcome, who: who, path: path)
        return outcome
    }

    private func audit(_ outcome: Outcome, who: String, path: String) async {
        let detail: String
        let sha256: String?
        switch outcome {
        case .reloaded(let loaded):
            detail = "reloaded \(path)"
            sha256 = loaded.sha256
        case .refused(let errors):
            detail = "refused \(path): \(errors.issues.count) errors; first: \(errors.issues.first?.description ?? "")"
            sha256 = nil
        }
        let entry = AuditEntry(at: runtime.now(), who: who, action: .reload, detail: detail, sha256: sha256)
        do {
            _ = try await runtime.store.appendAudit(entry)
        } catch {
            runtime.logger.error("reload not audited: \(error)")
        }
    }
}
