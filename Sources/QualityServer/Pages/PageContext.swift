import Foundation
import QualityCore

/// Who is signed in, as the header shows it.
package struct PageUser: Sendable, Equatable {
    /// The token's name (the "who" of the audit log).
    package var name: String
    package var role: Role

}

/// Where the stylesheet comes from: inlined in every page, or linked (served at `/static/app.css`).
package enum StylesheetMode: Sendable, Equatable {
    case inline
    case link(String)
}

/// What every page needs besides its own data: the request (for links and the language switch),
/// who is signed in, and when and in which time zone the page is rendered.
package struct PageContext: Sendable {
    package var language: Language
    /// The request path, e.g. `/districts/330212`.
    package var path: String
    /// The request's query parameters in order; `lang` is ignored here (it is `language`).
    package var query: [(name: String, value: String)]
    package var user: PageUser?
    /// When the page is rendered, shown in the footer.
    package var generatedAt: Date
    /// IANA time zone for every time shown (the config's `timezone`).
    package var timezone: String
    package var stylesheet: StylesheetMode

    package init(
        language: Language = .zh, path: String = "/", query: [(name: String, value: String)] = [],
        user: PageUser? = nil, generatedAt: Date = Date(), timezone: String = "Asia/Shanghai",
        stylesheet: StylesheetMode = .inline
    ) {
        self.language = language
        self.path = path
        self.query = query.filter { $0.name != "lang" }
        self.user = user
        self.generatedAt = generatedAt
        self.timezone = timezone
        self.stylesheet = stylesheet
    }

    /// The Chinese or the English text, by the page's language.
    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// A config name in the page's language.
    func t(_ text: LocalizedText) -> String { text.text(language) }

    /// A link within qualityd that keeps the page's language: `path?q=v&lang=en`.
    func link(_ path: String, _ query: [(String, String)] = [], fragment: String? = nil) -> String {
        var items = query
        if language == .en { items.append(("lang", "en")) }
        return Self.url(path, items) + (fragment.map { "#" + $0 } ?? "")
    }

    /// This page in the other language, other query parameters kept.
    var languageSwitch: String {
        let other: Language = language == .zh ? .en : .zh
        return Self.url(path, query.map { ($0.name, $0.value) } + [("lang", other.rawValue)])
    }

    /// Time in the configured time zone: `2025-07-01 08:30:00`.
    func time(_ date: Date) -> String { PageFormat.dateTime(date, timezone: timezone) }

    static func url(_ path: String, _ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return path }
        let pairs = query.map { PageFormat.urlEncode($0.0) + "=" + PageFormat.urlEncode($0.1) }
        return path + "?" + pairs.joined(separator: "&")
    }
}

/// Where a page's numbers come from, for the footer: the period and the hashes of config and snapshot.
package struct Provenance: Sendable, Equatable {
    package var period: String?
    package var configSHA256: String?
    package var snapshotSHA256: String?
}

extension Provenance {
    package init(_ result: AssessmentResult) {
        self.init(period: result.period, configSHA256: result.configSHA256, snapshotSHA256: result.snapshotSHA256)
    }
}

/// The top navigation; a page names the item it belongs to.
enum NavItem: CaseIterable {
    case ranking, subsidies, sampling, corrections, sources, whatif

    var path: String {
        switch self {
        case .ranking: "/"
        case .subsidies: "/subsidies"
        case .sampling: "/sampling"
        case .corrections: "/corrections"
        case .sources: "/sources"
        case .whatif: "/whatif"
        }
    }

    /// A link is shown to those whose role may open it: corrections to finance and admins, what-if
    /// to admins.
    func isShown(to c: PageContext) -> Bool {
        switch self {
        case .corrections: (c.user?.role).map { $0 >= .finance } ?? false
        case .whatif: c.user?.role == .admin
        case .ranking, .subsidies, .sampling, .sources: true
        }
    }

    func title(_ c: PageContext) -> String {
        switch self {
        case .ranking: c.t("排名", "Ranking")
        case .subsidies: c.t("补贴", "Subsidies")
        case .sampling: c.t("抽查", "Sampling")
        case .corrections: c.t("更正", "Corrections")
        case .sources: c.t("数据源", "Sources")
        case .whatif: c.t("政策模拟", "What-if")
        }
    }
}
