/// What can go wrong with a bureau's answer (docs/SEMANTICS.md §9).
public enum FaultKind: String, Sendable, CaseIterable, Hashable, Comparable {
    // Request level: the whole page fails.
    /// HTTP 500 with a JSON error body.
    case http500 = "500"
    /// The answer comes only after `slowSeconds`, past any sane client timeout.
    case slow
    /// 200 with a body that is not valid JSON (or, for CSV, not valid GB18030).
    case malformed
    /// `Content-Length` larger than the body sent; the connection is then closed.
    case truncated
    /// A body of 100 MiB, streamed, larger than any sane `max_bytes`.
    case oversize
    /// 200 with a `text/html` error page.
    case contentType = "content_type"
    // Record level: single records are spoiled.
    /// A USCC with a wrong check character (ingestion: `invalid_uscc`).
    case badUSCC = "bad_uscc"
    /// A negative count or amount (ingestion: `range`, the fields have `min: 0`).
    case negative
    /// Sampling: more batches passed than sampled (ingestion: `check`).
    case passedGreaterThanSampled = "passed_gt_sampled"
    /// The record sent twice with the same id (ingestion: `duplicate`, once).
    case duplicate
    /// A number field sent as "abc" (ingestion: `type`).
    case badType = "bad_type"

    public var isRequestLevel: Bool {
        switch self {
        case .http500, .slow, .malformed, .truncated, .oversize, .contentType: true
        case .badUSCC, .negative, .passedGreaterThanSampled, .duplicate, .badType: false
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// Keeps the draws of different kinds apart.
    var code: UInt64 { UInt64(order + 1) }

    public static func < (a: FaultKind, b: FaultKind) -> Bool { a.order < b.order }
}

/// One item of `--faults`: `KIND:RATE`, optionally `@/path` to apply to one endpoint only.
public struct FaultRule: Sendable, Hashable {
    public var kind: FaultKind
    /// Probability in [0, 1] per request (request level) or per record (record level).
    public var rate: Double
    /// The endpoint path this rule is limited to; nil for all.
    public var path: String?

    func applies(to path: String) -> Bool { self.path == nil || self.path == path }
}

/// A `--faults` value that could not be parsed.
public struct FaultSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The faults to inject, decided deterministically so that tests can predict exact counts.
///
/// A request-level rule fires for the n-th request of one exact path and query with a probability
/// of its rate, drawn from (seed, kind, rule, path+query, n): a retry is a new draw, so with a rate
/// below 1 a retried page can succeed, yet every run is the same. A record-level rule fires for
/// record i of an endpoint (its position in the whole result, whatever the page size) from
/// (seed, kind, rule, path, i). Rules are tried in the order given; the first that fires wins, so a
/// page or record suffers at most one fault.
public struct FaultPlan: Sendable, Hashable {
    public var rules: [FaultRule]

    public init(rules: [FaultRule] = []) {
        self.rules = rules
    }

    /// Parses `"500:0.2,malformed:0.1,bad_uscc:0.05@/jxj/enterprises"`; empty means no faults.
    public init(parsing spec: String) throws(FaultSpecError) {
        var rules: [FaultRule] = []
        for item in spec.split(separator: ",") {
            let text = item.trimmingCharacters(in: " ")
            guard !text.isEmpty else { continue }
            let scoped = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            let parts = scoped[0].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw FaultSpecError(message: "fault '\(text)' is not KIND:RATE[@/path]") }
            guard let kind = FaultKind(rawValue: String(parts[0])) else {
                let known = FaultKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw FaultSpecError(message: "unknown fault kind '\(parts[0])' (known: \(known))")
            }
            guard let rate = Double(parts[1]), rate >= 0, rate <= 1 else {
                throw FaultSpecError(message: "fault rate '\(parts[1])' of '\(text)' must be a number in [0, 1]")
            }
            var path: String?
            if scoped.count == 2 {
                guard scoped[1].hasPrefix("/") else {
                    throw FaultSpecError(message: "fault scope '\(scoped[1])' must be a path such as /ciq/sampling")
                }
                path = String(scoped[1])
            }
            rules.append(FaultRule(kind: kind, rate: rate, path: path))
        }
        self.rules = rules
    }

    public var isEmpty: Bool { rules.isEmpty }

    /// The request-level fault for the `occurrence`-th (from 0) request of `requestKey`
    /// (path + "?" + query as sent) to endpoint `path`, if any.
    public func requestFault(seed: UInt64, path: String, requestKey: String, occurrence: Int) -> FaultKind? {
        let keyHash = SimHash.string(requestKey)
        for (i, rule) in rules.enumerated() where rule.kind.isRequestLevel && rule.applies(to: path) {
            let h = SimHash.hash(
                seed, Stream.requestFault.rawValue, rule.kind.code << 16 | UInt64(i), keyHash, UInt64(occurrence))
            if SimHash.unit(h) < rule.rate { return rule.kind }
        }
        return nil
    }

    /// The record-level fault for record `index` of endpoint `path`, among the kinds that can
    /// apply there.
    public func recordFault(seed: UInt64, path: String, index: Int, applicable: Set<FaultKind>) -> FaultKind? {
        let pathHash = SimHash.string(path)
        for (i, rule) in rules.enumerated()
        where !rule.kind.isRequestLevel && applicable.contains(rule.kind) && rule.applies(to: path) {
            let h = SimHash.hash(
                seed, Stream.recordFault.rawValue, rule.kind.code << 16 | UInt64(i), pathHash, UInt64(index))
            if SimHash.unit(h) < rule.rate { return rule.kind }
        }
        return nil
    }

    /// Whether any record-level rule can touch endpoint `path`.
    func hasRecordFaults(for path: String, applicable: Set<FaultKind>) -> Bool {
        rules.contains { !$0.kind.isRequestLevel && applicable.contains($0.kind) && $0.applies(to: path) }
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
