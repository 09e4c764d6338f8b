import Foundation

/// What an audited action did.
public struct AuditAction: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let export = AuditAction(rawValue: "export")
    public static let publish = AuditAction(rawValue: "publish")
    public static let confirm = AuditAction(rawValue: "confirm")
    public static let revoke = AuditAction(rawValue: "revoke")
    public static let reload = AuditAction(rawValue: "reload")
    public static let login = AuditAction(rawValue: "login")
    public static let backup = AuditAction(rawValue: "backup")

    public var description: String { rawValue }
}

/// One line of the audit log: who did what, when, to which period.
public struct AuditEntry: Sendable, Equatable {
    /// Assigned by the store; nil before the entry is appended.
    public var id: Int64?
    public var at: Date
    /// The token's name (docs/SEMANTICS.md §11), or the `--by` name of a command.
    public var who: String
    public var action: AuditAction
    public var period: String?
    public var detail: String?
    /// SHA-256 (hex) of an exported file or a frozen list.
    public var sha256: String?
    /// Rows exported, or payouts of a list.
    public var rows: Int?

    public init(
        id: Int64? = nil, at: Date, who: String, action: AuditAction, period: String? = nil, detail: String? = nil,
        sha256: String? = nil, rows: Int? = nil
    ) {
        self.id = id
        self.at = at
        self.who = who
        self.action = action
        self.period = period
        self.detail = detail
        self.sha256 = sha256
        self.rows = rows
    }
}
