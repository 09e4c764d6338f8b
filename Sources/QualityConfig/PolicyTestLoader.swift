import Foundation
import QualityCore
import Yams

/// Reads a policy test file (docs/SEMANTICS.md §16) into cases, with every problem reported at
/// once with its file, line, column and dotted key, as config errors are.
public enum PolicyTestLoader {
    public static func load(path: String) throws(ConfigErrors) -> [PolicyTestCase] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigErrors([ConfigIssue(location: nil, key: "", message: "cannot read test file \(path)")])
        }
        return try load(bytes: [UInt8](data), file: path)
    }

    public static func load(bytes: [UInt8], file: String) throws(ConfigErrors) -> [PolicyTestCase] {
        let text = try ConfigLoader.decodeText(bytes, file: file)
        let document: YAMLDocument
        switch YAMLDocument.compose(text, file: file) {
        case .success(let d): document = d
        case .failure(let issue): throw ConfigErrors([issue])
        }
        let decoder = ConfigDecoder(file: file, environment: [:], document: document)
        var cases: [PolicyTestCase] = []
        if let root = document.root {
            let top = decoder.mapping(root, "", known: ["cases"])
            cases =
                top.required("cases") { node, path in
                    decoder.items(node, path) { PolicyTestDecoding(decoder: decoder).testCase($0, $1) }.compactMap {
                        $0
                    }
                } ?? []
        } else {
            decoder.error("cases", at: SourceLocation(file: file, line: 1, column: 1), "the file holds no cases")
        }
        var seen: [String: Int] = [:]
        for c in cases {
            if let line = seen[c.name] {
                decoder.error("cases", at: c.location, "case name '\(c.name)' is used twice (first at line \(line))")
            }
            seen[c.name] = seen[c.name] ?? c.location?.line ?? 0
        }
        let errors = decoder.issues.filter { $0.severity == .error }
        if !errors.isEmpty { throw ConfigErrors(ConfigLoader.inFileOrder(errors)) }
        return cases
    }
}

/// The keys of one case, decoded with the config decoder's scalars and mappings.
struct PolicyTestDecoding {
    let decoder: ConfigDecoder

    func testCase(_ node: Node, _ path: String) -> PolicyTestCase? {
        let m = decoder.mapping(node, path, known: ["name", "period", "districts", "enterprises", "payouts", "expect"])
        let name = m.required("name", decoder.string)
        let period = m.required("period") { node, path -> String? in
            guard let text = decoder.string(node, path) else { return nil }
            guard Period(text) != nil else {
                decoder.fail(path, node, "expected a period such as 2025, 2025Q3 or 2025-07 (found '\(text)')")
                return nil
            }
            return text
        }
        let districts = m.optional("districts") { facts($0, $1, keys: "district code") } ?? [:]
        let enterprises = m.optional("enterprises") { facts($0, $1, keys: "USCC") } ?? [:]
        let payouts = m.optional("payouts") { node, path in decoder.items(node, path, payout).compactMap { $0 } } ?? []
        let expect = m.optional("expect", expectation) ?? PolicyExpectation()
        guard let name, let period else { return nil }
        return PolicyTestCase(
            name: name, location: decoder.location(node), period: period, districts: districts,
            enterprises: enterprises, payouts: payouts, expect: expect)
    }

    /// `KEY: { fact: value, … }` for each district or enterprise.
    private func facts(_ node: Node, _ path: String, keys: String) -> [String: [String: Value]] {
        let m = decoder.mapping(node, path, known: nil)
        var out: [String: [String: Value]] = [:]
        for (key, keyNode, value) in m.entries {
            let entityPath = m.childPath(key)
            if keys == "USCC", !USCC.isValid(key) {
                let hint = USCC.checkCharacter(for: String(key.prefix(17))).map { " (check character \($0)?)" } ?? ""
                decoder.error(entityPath, at: decoder.location(keyNode), "'\(key)' is not a valid USCC\(hint)")
                continue
            }
            let f = decoder.mapping(value, entityPath, known: nil)
            var row: [String: Value] = [:]
            for (fact, _, factNode) in f.entries {
                // The reserved facts are strings even when written as a plain number (`district: 330212`).
                if ["name", "district", "industry"].contains(fact), case .scalar(let s) = factNode {
                    row[fact] = .string(s.string)
                } else {
                    row[fact] = self.value(factNode, f.childPath(fact))
                }
            }
            out[key] = row
        }
        return out
    }

    /// A fact: a plain number or true/false, any other scalar as a string, a list of strings as a set.
    private func value(_ node: Node, _ path: String) -> Value {
        switch node {
        case .scalar(let s):
            if ConfigDecoder.isNull(node) { return .missing }
            if s.style == .plain || s.style == .any {
                if let n = ConfigDecoder.parseNumber(s.string) { return .number(n) }
                if s.string == "true" || s.string == "false" { return .bool(s.string == "true") }
            }
            return .string(s.string)
        case .sequence:
            return .set(StringSet(decoder.items(node, path) { decoder.string($0, $1) ?? "" }))
        default:
            decoder.fail(path, node, "expected a number, a string, true/false or a list of strings")
            return .missing
        }
    }

    private func payout(_ node: Node, _ path: String) -> Payout? {
        let m = decoder.mapping(node, path, known: ["uscc", "program", "year", "granted_yuan"])
        let uscc = m.required("uscc", decoder.string)
        let program = m.required("program", decoder.string)
        let year = m.required("year", decoder.integer)
        let fen = m.required("granted_yuan", yuan)
        guard let uscc, let program, let year, let fen else { return nil }
        return Payout(uscc: uscc, program: program, year: year, grantedFen: fen)
    }

    private func yuan(_ node: Node, _ path: String) -> Int64? {
        guard let y = decoder.number(node, path) else { return nil }
        guard let fen = Money.fen(yuan: y) else {
            decoder.fail(path, node, "expected an amount in yuan")
            return nil
        }
        return fen
    }

    private func strings(_ node: Node, _ path: String) -> [String]? {
        decoder.list(node, path).map { _ in decoder.items(node, path) { decoder.string($0, $1) ?? "" } }
    }

    private func expectation(_ node: Node, _ path: String) -> PolicyExpectation {
        let m = decoder.mapping(
            node, path, known: ["tolerance", "districts", "awards", "ineligible", "excluded", "granted_yuan"])
        var e = PolicyExpectation()
        if let t = m.optional("tolerance", decoder.number) {
            if t >= 0 {
                e.tolerance = t
            } else {
                decoder.error(
                    m.childPath("tolerance"), at: decoder.location(of: m.childPath("tolerance")), "must be ≥ 0")
            }
        }
        e.districts = m.optional("districts", districts) ?? []
        e.awards = m.optional("awards") { node, path in decoder.items(node, path, award).compactMap { $0 } }
        e.ineligible = m.optional("ineligible") { node, path in
            decoder.items(node, path) { node, path -> Ineligibility? in
                let i = decoder.mapping(node, path, known: ["uscc", "reasons"])
                guard let uscc = i.required("uscc", decoder.string), let reasons = i.required("reasons", strings)
                else { return nil }
                return Ineligibility(uscc: uscc, reasons: reasons)
            }.compactMap { $0 }
        }
        e.excluded = m.optional("excluded") { node, path in
            decoder.items(node, path) { node, path -> Exclusion? in
                let x = decoder.mapping(node, path, known: ["uscc", "program", "reason"])
                guard let uscc = x.required("uscc", decoder.string),
                    let program = x.required("program", decoder.string),
                    let reason = x.required("reason", decoder.string)
                else { return nil }
                return Exclusion(uscc: uscc, program: program, reason: reason)
            }.compactMap { $0 }
        }
        e.grantedFen = m.optional("granted_yuan", yuan)
        return e
    }

    private func districts(_ node: Node, _ path: String) -> [PolicyExpectation.District] {
        let m = decoder.mapping(node, path, known: nil)
        return m.entries.map { code, _, value in
            let p = m.childPath(code)
            let d = decoder.mapping(value, p, known: ["total", "rank", "grade", "vetoed_by", "incomplete", "points"])
            var e = PolicyExpectation.District(code: code)
            e.total = d.optional("total", decoder.number)
            e.rank = d.optional("rank", decoder.integer)
            e.grade = d.optional("grade", decoder.string)
            e.vetoedBy = d.optional("vetoed_by", strings)
            e.incomplete = d.optional("incomplete", decoder.bool)
            e.points =
                d.optional("points") { node, path in
                    let points = decoder.mapping(node, path, known: nil)
                    return points.entries.compactMap { id, _, n in
                        decoder.number(n, points.childPath(id)).map { (indicator: id, points: $0) }
                    }
                } ?? []
            return e
        }
    }

    private func award(_ node: Node, _ path: String) -> PolicyExpectation.Award? {
        let m = decoder.mapping(node, path, known: ["uscc", "program", "granted_yuan", "requested_yuan", "notes"])
        guard let uscc = m.required("uscc", decoder.string), let program = m.required("program", decoder.string) else {
            return nil
        }
        var a = PolicyExpectation.Award(uscc: uscc, program: program)
        a.grantedFen = m.optional("granted_yuan", yuan)
        a.requestedFen = m.optional("requested_yuan", yuan)
        a.notes = m.optional("notes", strings)
        return a
    }
}
