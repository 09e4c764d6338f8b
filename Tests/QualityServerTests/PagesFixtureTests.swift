import Foundation
import QualityConfig
import QualityCore
import TestFixtures
import Testing

@testable import QualityServer

/// The worked example (three districts, eight enterprises), scored as the daemon scores it.
enum PagesFixture {
    static let directory = TestFixtures.url("worked")

    struct Worked {
        var loaded: LoadedConfig
        var snapshot: Snapshot
        var result: AssessmentResult
        var config: Config { loaded.config }
    }

    static func worked() throws -> Worked {
        let loaded = try ConfigLoader.load(path: directory.appendingPathComponent("config.yaml").path, environment: [:])
        let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent("snapshot.json")))
        let snapshot = try Snapshot.parse(json: bytes)
        return Worked(
            loaded: loaded, snapshot: snapshot, result: loaded.model.assess(snapshot, configSHA256: loaded.sha256))
    }

    /// 2025-06-15 16:00:00 UTC, 2025-06-16 00:00:00 in Shanghai.
    static let now = Date(timeIntervalSince1970: 1_750_003_200)

    static func context(_ language: Language = .zh, path: String = "/", query: [(name: String, value: String)] = [])
        -> PageContext
    {
        PageContext(
            language: language, path: path, query: query, user: PageUser(name: "zhang.san", role: .finance),
            generatedAt: now)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Expects each fragment in `html` (a page, or a row of one).
    static func expect(
        _ html: String, contains fragments: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        for fragment in fragments { #expect(html.contains(fragment), "\(fragment)", sourceLocation: sourceLocation) }
    }

    /// The table row `<tr data-KIND="id"` of a page, up to the first `end` after it (`""` when none).
    static func row(_ html: String, _ kind: String, _ id: String, end: String = "</tr>") -> String {
        guard let start = html.range(of: "<tr data-\(kind)=\"\(id)\"") else { return "" }
        let rest = html[start.lowerBound...]
        guard let stop = rest.range(of: end) else { return "" }
        return String(rest[..<stop.upperBound])
    }
}

/// A rough well-formedness check: every non-void element is closed in order, no stray `<`,
/// attribute quotes balanced. Enough to catch a missing `</td>` or an unescaped `<` in data.
enum HTMLCheck {
    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    static func problems(_ html: String) -> [String] {
        var problems: [String] = []
        var stack: [String] = []
        let s = Array(html.utf8)
        var i = 0
        while i < s.count {
            guard s[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            if s[i...].starts(with: "<!--".utf8) || s[i...].starts(with: "<!DOCTYPE".utf8) {
                while i < s.count, s[i] != UInt8(ascii: ">") { i += 1 }
                continue
            }
            var j = i + 1
            var quote: UInt8? = nil
            while j < s.count {
                if let q = quote {
                    if s[j] == q { quote = nil }
                } else if s[j] == UInt8(ascii: "\"") || s[j] == UInt8(ascii: "'") {
                    quote = s[j]
                } else if s[j] == UInt8(ascii: "<") {
                    problems.append("stray < at \(i)")
                    break
                } else if s[j] == UInt8(ascii: ">") {
                    break
                }
                j += 1
            }
            guard j < s.count, s[j] == UInt8(ascii: ">") else {
                problems.append("unterminated tag at \(i)")
                i = j
                continue
            }
            let tag = String(decoding: s[(i + 1)..<j], as: UTF8.self)
            let closing = tag.hasPrefix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
            if name.isEmpty { problems.append("bad tag <\(tag)> at \(i)") }
            if closing {
                if stack.last == name {
                    stack.removeLast()
                } else {
                    problems.append("</\(name)> closes \(stack.last ?? "nothing") at \(i)")
                }
            } else if !void.contains(name) && !tag.hasSuffix("/") {
                stack.append(name)
                if name == "style" || name == "script" {
                    // Raw text: skip to its end tag.
                    let end = Array("</\(name)>".utf8)
                    var k = j
                    while k + end.count <= s.count, !s[k..<(k + end.count)].elementsEqual(end) { k += 1 }
                    j = k - 1
                }
            }
            i = j + 1
        }
        if !stack.isEmpty { problems.append("unclosed: \(stack)") }
        return problems
    }

    /// References to anything outside the server: the pages must work offline.
    static func externalReferences(_ html: String) -> Bool {
        html.contains("http://") || html.contains("https://") || html.contains("src=\"//") || html.contains("href=\"//")
    }

    /// Asserts the page is well-formed, self-contained and in the right language.
    static func assertPage(
        _ html: String, _ language: Language, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(problems(html) == [], sourceLocation: sourceLocation)
        #expect(!externalReferences(html), sourceLocation: sourceLocation)
        #expect(html.hasPrefix("<!DOCTYPE html>"), sourceLocation: sourceLocation)
        #expect(
            html.contains(language == .zh ? "<html lang=\"zh-CN\">" : "<html lang=\"en\">"),
            sourceLocation: sourceLocation)
        #expect(html.contains("<title>"), sourceLocation: sourceLocation)
    }
}

@Suite struct PagesFixtureTests {
    @Test func escapingCoversEveryMarkupCharacter() {
        #expect(
            HTML.escape("<script>alert('x&y')</script>\"")
                == "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;&quot;")
        #expect(HTML.escape("宁波鄞州") == "宁波鄞州")
    }

    @Test func numbersHaveTwoDecimalsRoundedHalfAwayFromZero() {
        #expect(PageFormat.fixed(86.20396270396272) == "86.20")
        #expect(PageFormat.fixed(68.16666666666667) == "68.17")
        #expect(PageFormat.fixed(0.125) == "0.13")
        #expect(PageFormat.fixed(-1.005) == "-1.01")
        #expect(PageFormat.fixed(-0.001) == "0.00")
        #expect(PageFormat.fixed(nil) == "—")
        #expect(PageFormat.signed(6.2) == "+6.20")
        #expect(PageFormat.signed(-0.5) == "-0.50")
        #expect(PageFormat.percent(0.9790209790209795) == "97.90%")
        #expect(PageFormat.compact(100) == "100")
        #expect(PageFormat.compact(0.5) == "0.5")
    }

    @Test func timesAreShownInTheConfigTimeZone() {
        #expect(PageFormat.dateTime(PagesFixture.now, timezone: "Asia/Shanghai") == "2025-06-16 00:00:00")
        #expect(PageFormat.dateTime(PagesFixture.now, timezone: "UTC") == "2025-06-15 16:00:00")
        #expect(PageFormat.longDate(PagesFixture.now, timezone: "Asia/Shanghai", .zh) == "2025年6月16日")
    }

    @Test func theCheckerFindsBrokenMarkup() {
        #expect(HTMLCheck.problems("<p><b>x</p>") != [])
        #expect(HTMLCheck.problems("<p>a <b c=\"1\">x</b><br></p>") == [])
        #expect(HTMLCheck.problems("<td>a < b</td>") != [])
        #expect(HTMLCheck.problems("<svg><rect x=\"0\"/></svg>") == [])
    }

    @Test func languageSwitchKeepsOtherParameters() {
        let zh = PagesFixture.context(.zh, path: "/subsidies", query: [("period", "2025"), ("lang", "zh")])
        #expect(zh.languageSwitch == "/subsidies?period=2025&lang=en")
        let en = PagesFixture.context(.en, path: "/", query: [("period", "2025 Q3&x")])
        #expect(en.languageSwitch == "/?period=2025%20Q3%26x&lang=zh")
        #expect(en.link("/districts/330212") == "/districts/330212?lang=en")
        #expect(zh.link("/districts/330212") == "/districts/330212")
    }
}
