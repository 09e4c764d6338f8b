import Foundation
import HTTPTypes
import Hummingbird
import QualityCore
import QualityStore

/// Every action a person takes, as form posts from the pages (docs/SEMANTICS.md §14):
/// `POST /subsidies/{period}/publish|confirm` and `POST /corrections`, `POST /districts/{code}/appeals`
/// (finance actions); `POST /subsidies/{period}/revoke`, `POST /corrections/{id}/approve|reject` and
/// `POST /appeals/{id}/accept|reject` (admin actions).
///
/// The first post answers with the confirmation step, which names what will happen with figures
/// from the decided list or the stored record; posting again with `confirm=yes` acts through the
/// same services as the API. Refusals are shown on the page with their status. The role and CSRF
/// rules are those of the API's actions (`RequireRole`, `SameOrigin`).
struct ActionRoutes {
    let runtime: Runtime
    let lists: ListService
    let service: CorrectionService

    func register(
        financeActions: some RouterMethods<AppRequestContext>, adminActions: some RouterMethods<AppRequestContext>
    ) {
        listAction(financeActions, "publish") { period, _, _ in
            let view = try await lists.view(period: period)
            let s = view.result.subsidies
            let count = s.awards.count { $0.grantedFen > 0 }
            let money = PageFormat.money(s.grantedFen)
            return ActionText(
                zh: "确认后将公示 \(view.period) 的奖励名单：\(count) 笔、\(money) 元，公示期 \(SubsidyRoutes.noticeDays) 天。",
                en: "Once confirmed, the list of \(view.period) goes on public notice: \(count) awards, "
                    + "\(money) yuan, for \(SubsidyRoutes.noticeDays) days.")
        } perform: { period, _, who in
            let tz = await runtime.config.timezone
            let start = NoticeDates.day(of: runtime.now(), timezone: tz)
            let end = NoticeDates.adding(days: SubsidyRoutes.noticeDays, to: start, timezone: tz)
            let list = try await lists.publish(period: period, noticeStart: start, noticeEnd: end, by: who)
            let money = PageFormat.money(list.grantedFen)
            return ActionText(
                zh: "已公示 \(period) 的名单（#\(list.id)）：\(list.payoutCount) 笔、\(money) 元。",
                en: "The list of \(period) is published (#\(list.id)): \(list.payoutCount) awards, \(money) yuan.")
        }
        listAction(financeActions, "confirm") { period, _, _ in
            guard let list = try await runtime.store.currentList(period: period)?.list, list.status == .published
            else { throw StoreError.notPublished(period: period) }
            let money = PageFormat.money(list.grantedFen)
            return ActionText(
                zh: "确认后将记录 \(list.payoutCount) 笔、\(money) 元的发放（\(period) 名单 #\(list.id)）。",
                en: "Once confirmed, \(list.payoutCount) payouts of \(money) yuan are recorded "
                    + "(list #\(list.id) of \(period)).")
        } perform: { period, _, who in
            let list = try await lists.confirm(period: period, by: who)
            let money = PageFormat.money(list.grantedFen)
            return ActionText(
                zh: "已确认 \(period) 的名单，记录 \(list.payoutCount) 笔、\(money) 元的发放。",
                en: "The list of \(period) is confirmed: \(list.payoutCount) payouts of \(money) yuan recorded.")
        }
        listAction(adminActions, "revoke") { period, form, _ in
            let reason = try Self.required(form, "reason")
            guard let list = try await runtime.store.currentList(period: period)?.list, list.status == .confirmed
            else { throw StoreError.notFound(what: "confirmed subsidy list", key: period) }
            let money = PageFormat.money(list.grantedFen)
            return ActionText(
                zh: "确认后将撤销 \(period) 已确认的名单 #\(list.id)，作废 \(list.payoutCount) 笔、\(money) 元的发放。原因：\(reason)",
                en: "Once confirmed, the confirmed list #\(list.id) of \(period) is revoked and its "
                    + "\(list.payoutCount) payouts of \(money) yuan are voided. Reason: \(reason)")
        } perform: { period, form, who in
            let list = try await lists.revoke(period: period, by: who, reason: try Self.required(form, "reason"))
            return ActionText(
                zh: "已撤销 \(period) 的名单 #\(list.id)，其发放已作废。",
                en: "The list #\(list.id) of \(period) is revoked; its payouts are void.")
        }
        financeActions.post("corrections") { request, context in
            try await act(request, context) { form in
                "/corrections?period=" + PageFormat.urlEncode(form["period"] ?? "")
            } describe: { form in
                let body = Self.correctionBody(form)
                var period = try await lists.period(nil)
                if let text = try CorrectionService.optionalString(body, "period") {
                    period = try CorrectionService.period(text)
                }
                guard let entity = CorrectionEntity(rawValue: form["entity"] ?? "") else {
                    throw CorrectionError.invalidField(name: "entity", message: #"expected "district" or "enterprise""#)
                }
                let key = try Self.required(form, "key")
                let fact = try Self.required(form, "fact")
                let reason = try Self.required(form, "reason")
                _ = try await service.check(
                    entity: entity, key: key, fact: fact, value: body["value"] ?? .null, period: period)
                let value = form["value"] ?? ""
                let evidence = form["evidence"] ?? ""
                return ActionText(
                    zh: "确认后将提议更正 \(period)：\(Self.entityName(entity, zh: true)) \(key) 的 \(fact) 改为 \(value)。"
                        + "原因：\(reason)；依据：\(evidence.isEmpty ? "—" : evidence)。须由另一位管理员批准后生效。",
                    en: "Once confirmed, a correction of \(period) is proposed: \(entity.rawValue) \(key), \(fact) "
                        + "set to \(value). Reason: \(reason); evidence: \(evidence.isEmpty ? "—" : evidence). "
                        + "It applies once another admin approves it.")
            } perform: { form in
                let c = try await service.propose(
                    Self.correctionBody(form), period: try await lists.period(nil), by: context.who)
                await service.publishMetrics()
                return ActionText(
                    zh: "已提议更正 #\(c.id)，等待另一位管理员审批。",
                    en: "Correction #\(c.id) is proposed; it waits for another admin's approval.")
            }
        }
        for (verb, approve) in [("approve", true), ("reject", false)] {
            adminActions.post("corrections/:id/\(verb)") { request, context in
                try await act(request, context) { _ in
                    "/corrections"
                } describe: { form in
                    let id = try CorrectionRoutes.id(context)
                    let reason = try Self.required(form, "reason")
                    guard let c = try await runtime.store.correction(id: id) else {
                        throw StoreError.notFound(what: "correction", key: "#\(id)")
                    }
                    let what = "\(c.entity.rawValue) \(c.key) \(c.fact) = \(c.valueJSON)"
                    return approve
                        ? ActionText(
                            zh: "确认后将批准更正 #\(id)（\(what)，由 \(c.proposedBy) 提议），并重新评分。理由：\(reason)",
                            en: "Once confirmed, correction #\(id) (\(what), proposed by \(c.proposedBy)) is approved "
                                + "and the period is scored again. Reason: \(reason)")
                        : ActionText(
                            zh: "确认后将驳回更正 #\(id)（\(what)，由 \(c.proposedBy) 提议）。理由：\(reason)",
                            en: "Once confirmed, correction #\(id) (\(what), proposed by \(c.proposedBy)) is rejected. "
                                + "Reason: \(reason)")
                } perform: { form in
                    let c = try await service.decide(
                        id: try CorrectionRoutes.id(context), approve: approve,
                        reason: try Self.required(form, "reason"),
                        by: context.who)
                    return approve
                        ? ActionText(
                            zh: "已批准更正 #\(c.id)；下一次评分将采用更正后的值。",
                            en: "Correction #\(c.id) is approved; the next scoring run applies it.")
                        : ActionText(zh: "已驳回更正 #\(c.id)。", en: "Correction #\(c.id) is rejected.")
                }
            }
        }
        financeActions.post("districts/:code/appeals") { request, context in
            let code = context.parameters.get("code") ?? ""
            return try await act(request, context) { _ in
                "/districts/" + PageFormat.urlEncode(code)
            } describe: { form in
                let period = try await lists.period(nil)
                let indicator = try Self.required(form, "indicator")
                _ = try Self.required(form, "text")
                guard await runtime.config.district(code: code) != nil else {
                    throw CorrectionError.unknownKey(entity: "district", key: code, period: period)
                }
                return ActionText(
                    zh: "确认后将记录 \(code) 对 \(period) 结果中 \(indicator) 的申诉；申诉处理完毕前该期名单不能公示。",
                    en: "Once confirmed, the appeal of \(code) against \(indicator) in the result of \(period) is "
                        + "recorded; the list of \(period) cannot be published until it is resolved.")
            } perform: { form in
                var body = JSONObject()
                body.append("district", .string(code))
                for name in ["indicator", "text"] { body.append(name, .string(form[name] ?? "")) }
                let a = try await service.recordAppeal(body, period: try await lists.period(nil), by: context.who)
                return ActionText(zh: "已记录申诉 #\(a.id)。", en: "Appeal #\(a.id) is recorded.")
            }
        }
        for (verb, accepted) in [("accept", true), ("reject", false)] {
            adminActions.post("appeals/:id/\(verb)") { request, context in
                try await act(request, context) { _ in
                    let id = try CorrectionRoutes.id(context)
                    let appeal = try await runtime.store.appeals(period: nil, district: nil, status: nil)
                        .first { $0.id == id }
                    return "/districts/" + PageFormat.urlEncode(appeal?.district ?? "")
                } describe: { form in
                    let id = try CorrectionRoutes.id(context)
                    let ids = try Self.ids(form["corrections"] ?? "")
                    let reason = form["reason"] ?? ""
                    if !accepted { _ = try Self.required(form, "reason") }
                    let led = ids.map { "#\($0)" }.joined(separator: ", ")
                    return accepted
                        ? ActionText(
                            zh: "确认后将受理申诉 #\(id)\(led.isEmpty ? "" : "，关联更正 \(led)")。\(reason)",
                            en:
                                "Once confirmed, appeal #\(id) is accepted\(led.isEmpty ? "" : ", with corrections \(led)"). "
                                + reason)
                        : ActionText(
                            zh: "确认后将驳回申诉 #\(id)。理由：\(reason)",
                            en: "Once confirmed, appeal #\(id) is rejected. Reason: \(reason)")
                } perform: { form in
                    var body = JSONObject()
                    body.append("reason", .string(form["reason"] ?? ""))
                    body.append(
                        "corrections", .array(try Self.ids(form["corrections"] ?? "").map { .number(Double($0)) }))
                    let a = try await service.resolveAppeal(
                        id: try CorrectionRoutes.id(context), accepted: accepted, body, by: context.who)
                    return accepted
                        ? ActionText(zh: "已受理申诉 #\(a.id)。", en: "Appeal #\(a.id) is accepted.")
                        : ActionText(zh: "已驳回申诉 #\(a.id)。", en: "Appeal #\(a.id) is rejected.")
                }
            }
        }
    }

    /// `POST /subsidies/{period}/VERB`, an action on the period's list: back to the period's overview;
    /// `describe` and `perform` get the period (checked as the API checks it), the form and who acts.
    private func listAction(
        _ router: some RouterMethods<AppRequestContext>, _ verb: String,
        describe: @escaping @Sendable (String, [String: String], String) async throws -> ActionText,
        perform: @escaping @Sendable (String, [String: String], String) async throws -> ActionText
    ) {
        router.post("subsidies/:period/\(verb)") { request, context in
            try await act(request, context) { _ in
                Self.subsidies(try await lists.period(context.parameters.get("period")))
            } describe: { form in
                try await describe(try await lists.period(context.parameters.get("period")), form, context.who)
            } perform: { form in
                try await perform(try await lists.period(context.parameters.get("period")), form, context.who)
            }
        }
    }

    /// One action: the confirmation step unless the form says `confirm=yes`, then the outcome; a
    /// refusal at either step is shown with its status.
    private func act(
        _ request: Request, _ context: AppRequestContext, back: ([String: String]) async throws -> String,
        describe: ([String: String]) async throws -> ActionText,
        perform: ([String: String]) async throws -> ActionText
    ) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        let form = LoginRoutes.form(String(buffer: body))
        let pageContext = await PageSupport.context(request, context, runtime: runtime)
        let backPath = (try? await back(form)) ?? "/"
        let backLink = pageContext.language == .en ? PageContext.url(backPath, [("lang", "en")]) : backPath
        let step: ActionPage.Step
        var status = HTTPResponse.Status.ok
        do {
            if form["confirm"] == "yes" {
                step = .done(try await perform(form))
            } else {
                let what = try await describe(form)
                let action = pageContext.link(request.uri.path)
                step = .confirm(
                    what: what, action: action, fields: form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            }
        } catch {
            let (failure, _) = ErrorMiddleware.failure(error, route: "\(request.method) \(request.uri.path)")
            if failure.code == .internalError || failure.code == .storeFailed { throw error }
            status = failure.status
            step = .refused(status: Int(failure.status.code), detail: failure.message)
        }
        return Response.html(ActionPage(step: step, back: backLink, context: pageContext).render(), status: status)
    }

    static func subsidies(_ period: String) -> String {
        "/subsidies?period=" + PageFormat.urlEncode(period)
    }

    /// A form field that must not be blank.
    static func required(_ form: [String: String], _ name: String) throws -> String {
        let value = (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw CorrectionError.invalidField(name: name, message: "must not be empty") }
        return value
    }

    /// `1, 2 3` as correction ids.
    static func ids(_ text: String) throws -> [Int64] {
        try text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "，" }).map { part in
            guard let id = Int64(part.trimmingCharacters(in: .whitespaces).trimmingPrefix("#")), id >= 1 else {
                throw CorrectionError.invalidField(name: "corrections", message: "\(part): expected correction ids")
            }
            return id
        }
    }

    /// The proposal form as the API's JSON body: `value` read as JSON (`0`, `true`, `["a"]`) and
    /// otherwise as text.
    static func correctionBody(_ form: [String: String]) -> JSONObject {
        var body = JSONObject()
        for name in ["period", "entity", "key", "fact", "reason", "evidence"] {
            if let v = form[name], !(name == "period" && v.isEmpty) { body.append(name, .string(v)) }
        }
        let text = (form["value"] ?? "").trimmingCharacters(in: .whitespaces)
        let parsed = text.isEmpty ? nil : try? JSONParser.parse(Array(text.utf8))
        body.append("value", parsed ?? (text.isEmpty ? .null : .string(text)))
        return body
    }

    static func entityName(_ entity: CorrectionEntity, zh: Bool) -> String {
        switch entity {
        case .district: zh ? "区县" : "district"
        case .enterprise: zh ? "企业" : "enterprise"
        }
    }
}
