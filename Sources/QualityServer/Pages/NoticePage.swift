import Foundation
import QualityCore

/// What the public notice says beyond the list: who issues it and how to object. Plain text; a blank
/// line starts a new paragraph.
package struct NoticeInfo: Sendable, Equatable {
    /// The issuing government, e.g. 宁波市鄞州区 / Yinzhou District, Ningbo.
    package var issuer: LocalizedText
    /// Contact office and telephone.
    package var contact = LocalizedText(
        zh: "联系人：（待填写）　电话：（待填写）", en: "Contact: (to be filled in)  Tel: (to be filled in)")
    /// How and until when objections are raised.
    package var objection = LocalizedText(
        zh: "公示期内，如对名单有异议，请以书面形式向联系人提出，并注明理由及联系方式。",
        en: "Objections to the list may be raised in writing with the contact during the notice period, "
            + "giving reasons and contact details.")
}

/// `GET /subsidies/{period}/notice`: the proposed award list for public notice (公示), printable on
/// A4: title, notice period, the enterprises granted more than 0 with program and amount, the total,
/// the contact and objection text, and the issuer with the date.
package struct NoticePage: Sendable {
    package var config: Config
    package var result: AssessmentResult
    /// Gives the notice period and publication date; a draft prints "to be decided".
    package var list: ListState
    package var notice: NoticeInfo
    package var context: PageContext

    /// 宁波市鄞州区2025年度质量强区财政奖励拟奖励名单公示
    var title: String {
        let c = context
        return c.t(
            notice.issuer.zh + PageFormat.period(result.period, .zh) + "质量强区财政奖励拟奖励名单公示",
            "Public notice: proposed quality-strong district rewards, " + c.t(notice.issuer) + ", "
                + PageFormat.period(result.period, .en))
    }

    package func render() -> [UInt8] {
        let c = context
        let text = PageText(config: config, c: c)
        let awards = result.subsidies.awards.filter { $0.grantedFen > 0 }
        let reserve = 32_768 + awards.count * 400
        return PageLayout.document(
            c, title: title, nav: .subsidies, provenance: Provenance(result), bodyClass: "notice", reserve: reserve
        ) { w in
            w.element("h1", ["id": "notice-title"], text: title)
            if list.status == .draft || list.status == .revoked || list.status == .superseded {
                list.banner(&w, c, id: "notice-draft")
            }
            let period: String
            if let s = list.noticeStart, let e = list.noticeEnd {
                let (from, to) = (
                    PageFormat.longDate(s, timezone: c.timezone, c.language),
                    PageFormat.longDate(e, timezone: c.timezone, c.language)
                )
                period = c.t("公示期：\(from)至\(to)。", "Notice period: \(from) to \(to).")
            } else {
                period = c.t("公示期：待定。", "Notice period: to be decided.")
            }
            w.element(
                "p",
                text: c.t(
                    "经审核，现将\(PageFormat.period(result.period, .zh))质量强区财政奖励拟奖励名单予以公示，接受社会监督。",
                    "The proposed reward list for \(PageFormat.period(result.period, .en)) is published for public scrutiny."
                ))
            w.element("p", ["id": "notice-period"], text: period)
            PolicyLine.write(&w, c, result.policy)
            w.open("table", ["id": "notice-list", "data-rows": String(awards.count)])
            w.headerRow([
                c.t("序号", "No."), c.t("企业名称", "Enterprise"), c.t("统一社会信用代码", "USCC"),
                c.t("奖励项目", "Program"), c.t("奖励金额(元)", "Amount (yuan)"),
            ])
            w.raw("<tbody>\n")
            var total: Int64 = 0
            for (i, a) in awards.enumerated() {
                total += a.grantedFen
                w.open("tr", ["data-uscc": a.uscc, "data-program": a.program])
                w.td(String(i + 1), class: "num")
                w.element("td", ["class": "name"]) { $0.bureauText(a.name) }
                w.td(a.uscc, class: "uscc")
                w.td(text.program(a.program))
                w.td(PageFormat.money(a.grantedFen), class: "money", value: PageFormat.moneyValue(a.grantedFen))
                w.raw("</tr>\n")
            }
            w.raw("</tbody><tfoot><tr>")
            w.element("th", ["scope": "row", "colspan": "4"], text: c.t("合计", "Total"))
            w.td(PageFormat.money(total), class: "money", value: PageFormat.moneyValue(total))
            w.raw("</tr></tfoot></table>")
            paragraphs(&w, c.t(notice.objection), id: "notice-objection")
            paragraphs(&w, c.t(notice.contact), id: "notice-contact")
            w.element("div", ["class": "signature"]) { w in
                w.element("p", text: c.t(notice.issuer))
                w.element(
                    "p", text: PageFormat.longDate(list.publishedAt ?? c.generatedAt, timezone: c.timezone, c.language))
            }
        }
    }

    private func paragraphs(_ w: inout HTMLWriter, _ text: String, id: String) {
        w.element("div", ["id": id]) { w in
            for p in text.split(separator: "\n\n", omittingEmptySubsequences: true) {
                w.element("p", text: String(p))
            }
        }
    }
}
