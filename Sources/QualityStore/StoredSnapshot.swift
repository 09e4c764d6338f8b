import Foundation
import QualityCore

/// What the store knows about one stored snapshot, without its JSON.
public struct SnapshotInfo: Sendable, Equatable {
    public var id: Int64
    public var period: String
    /// SHA-256 (hex) of the canonical JSON: the result's `snapshot_sha256`.
    public var sha256: String
    public var createdAt: Date
    /// Size of the canonical JSON in bytes.
    public var size: Int
}

/// A stored snapshot with its canonical JSON (`Snapshot.json(style: .canonical)`), byte for byte.
public struct StoredSnapshot: Sendable, Equatable {
    public var info: SnapshotInfo
    public var json: [UInt8]

    /// The snapshot decoded from its JSON.
    public func snapshot() throws -> Snapshot { try Snapshot.parse(json: json) }
}
