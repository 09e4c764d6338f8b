import QualityCore

/// `GET /api/v1/enterprises/{uscc}/explain`: the explanation of docs/SEMANTICS.md §7's steps for one enterprise and
/// its rows of the list, with the names of rules and programs from the config in force.
enum EnterpriseExplanationJSON {
    static func render(_ found: Explainer.Found) -> [UInt8] {
        let e = found.explanation
        let config = found.config
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.key("period")
        w.string(found.result.period)
        w.key("config_sha256")
        w.string(found.configSHA256)
        w.key("result_config_sha256")
        w.string(found.result.configSHA256)
        w.key("snapshot_sha256")
        w.string(found.result.snapshotSHA256)
        w.key("uscc")
        w.string(e.uscc)
        w.key("name")
        w.string(e.name)
        w.key("district")
        w.string(e.district)
        // Corrections applied to the enterprise's facts (docs/SEMANTICS.md §14): AppliedCorrectionJSON.
        w.key("corrections")
        w.value(AppliedCorrectionJSON.value(found.result.corrections(enterprise: e.uscc)))
        w.key("rejected")
        w.string(e.rejected)
        w.key("eligible")
        w.bool(e.eligible)
        w.key("enterprise_cap_fen")
        w.integer(e.enterpriseCapFen)
        w.key("budget_fen")
        w.integer(e.budgetFen)
        w.key("eligibility")
        w.beginArray()
        for rule in e.eligibility {
            w.beginObject()
            w.key("id")
            w.string(rule.id)
            w.key("name")
            localized(config.subsidies.eligibility.first { $0.id == rule.id }?.name, into: &w)
            w.key("held")
            w.bool(rule.held)
            w.endObject()
        }
        w.endArray()
        w.key("programs")
        w.beginArray()
        for p in e.programs { program(p, config.program(id: p.program), into: &w) }
        w.endArray()
        w.key("awards")
        w.beginArray()
        for award in found.result.subsidies.awards where award.uscc == e.uscc {
            w.beginObject()
            w.key("program")
            w.string(award.program)
            w.key("requested_fen")
            w.integer(award.requestedFen)
            w.key("granted_fen")
            w.integer(award.grantedFen)
            w.key("notes")
            w.strings(award.notes.names)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    private static func program(_ p: ProgramOutcome, _ config: Program?, into w: inout JSONWriter) {
        w.beginObject()
        w.key("program")
        w.string(p.program)
        w.key("name")
        localized(config?.name, into: &w)
        w.key("basis")
        w.string(config?.basis)
        w.key("when")
        w.bool(p.when)
        w.key("excluded")
        w.string(p.excluded)
        w.key("replaced_by")
        w.string(p.replacedBy)
        w.key("last_payout_year")
        w.integer(p.lastPayoutYear)
        w.key("program_budget_fen")
        w.integer(p.programBudgetFen)
        w.key("requested_fen")
        w.integer(p.requestedFen)
        w.key("after_cap_fen")
        w.integer(p.afterCapFen)
        w.key("after_program_budget_fen")
        w.integer(p.afterProgramBudgetFen)
        w.key("granted_fen")
        w.integer(p.grantedFen)
        w.key("notes")
        w.strings(p.notes)
        w.key("priority")
        w.number(p.priority)
        w.endObject()
    }

    /// `{"zh": …, "en": …}`, or null for a name the config does not have.
    static func localized(_ text: LocalizedText?, into w: inout JSONWriter) {
        guard let text else {
            w.null()
            return
        }
        w.beginObject()
        w.key("zh")
        w.string(text.zh)
        w.key("en")
        w.string(text.text(.en))
        w.endObject()
    }
}
