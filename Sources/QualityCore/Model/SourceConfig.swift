/// One bureau HTTP service that qualityd pulls (`sources[]`, docs/SEMANTICS.md §9).
public struct SourceConfig: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// May contain `{period}`, `{period_start}`, `{period_end}`.
    public var url: String
    public var format: SourceFormat = .json
    /// JSON: dotted path to the record array (nil or empty: the body is the array).
    public var records: String?
    public var encoding: TextEncoding = .utf8
    public var entity: EntityKind = .enterprise
    /// The record field naming the entity.
    public var key: String
    /// A record whose id repeats within a pull is rejected as a duplicate.
    public var idField: String?
    public var fields: [FieldSpec] = []
    /// Per-record conditions over the converted field values (by fact name).
    public var checks: [ExpressionSource] = []
    /// Request headers in config order; values already `${ENV}`-substituted.
    public var headers: [Header] = []
    public var pagination: Pagination?
    /// Seconds between pulls.
    public var interval: Double = 900
    /// Seconds allowed per request.
    public var timeout: Double = 10
    /// Extra attempts after the first; 3 means up to 4 attempts.
    public var retries: Int = 3
    /// Largest response body accepted, per request.
    public var maxBytes: Int = 64 << 20
    public var location: SourceLocation?

    public init(id: String, name: LocalizedText, url: String, key: String) {
        self.id = id
        self.name = name
        self.url = url
        self.key = key
    }

    /// The URL for `period`, placeholders filled.
    public func url(for period: Period) -> String {
        url.replacing("{period}", with: period.description)
            .replacing("{period_start}", with: period.startDate)
            .replacing("{period_end}", with: period.endDate)
    }
}

public struct Header: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public enum SourceFormat: String, Sendable, Hashable, CaseIterable {
    case json, csv
}

public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030
}

public enum EntityKind: String, Sendable, Hashable, CaseIterable {
    case enterprise, district, payout
}

public struct Pagination: Sendable, Hashable {
    public var pageParam: String = "page"
    public var sizeParam: String = "page_size"
    public var size: Int = 500

    public init(pageParam: String = "page", sizeParam: String = "page_size", size: Int = 500) {
        self.pageParam = pageParam
        self.sizeParam = sizeParam
        self.size = size
    }
}

/// How one fact is read from a record: `fact: "path"` or `fact: { path, type, combine, map, min, max }`.
public struct FieldSpec: Sendable, Hashable {
    public var fact: String
    /// Dotted JSON path or CSV column name; defaults to the fact name (unused for `combine: count`).
    public var path: String
    public var type: FieldType?
    public var combine: Combine = .last
    /// Source text → value, applied before conversion.
    public var map: [MapEntry]?
    public var min: Double?
    public var max: Double?
    public var location: SourceLocation?

    public init(fact: String, path: String? = nil, type: FieldType? = nil, combine: Combine = .last) {
        self.fact = fact
        self.path = path ?? fact
        self.type = type
        self.combine = combine
    }

    /// The kind a value converts to: `type`, else number for sum/min/max, string for set, nil (keep) otherwise.
    public var effectiveType: FieldType? {
        if let type { return type }
        switch combine {
        case .sum, .min, .max: return .number
        case .set: return .string
        case .first, .last, .count: return nil
        }
    }
}

public struct MapEntry: Sendable, Hashable {
    public var from: String
    public var to: Value

    public init(from: String, to: Value) {
        self.from = from
        self.to = to
    }
}

public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case number, string, bool
}

public enum Combine: String, Sendable, Hashable, CaseIterable {
    case sum, min, max, first, last, count, set
}
