import Crypto

/// SHA-256 (FIPS 180-4), for config, snapshot and export digests and token checks.
///
/// swift-crypto's implementation (BoringSSL, with the CPU's SHA extensions where it has them) behind
/// the small API the rest of the code uses: a national snapshot's canonical JSON (262 MB) hashes in a
/// fraction of the time a portable Swift implementation takes. Pure computation, no I/O.
public struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update<C: Collection>(_ data: C) where C.Element == UInt8 {
        let handled: Void? = data.withContiguousStorageIfAvailable { update(bytes: UnsafeRawBufferPointer($0)) }
        if handled == nil { Array(data).withUnsafeBytes { update(bytes: $0) } }
    }

    public mutating func update(bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    public mutating func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    public static func hash<C: Collection>(_ data: C) -> [UInt8] where C.Element == UInt8 {
        var h = SHA256()
        h.update(data)
        return h.finalize()
    }

    /// Lower-case hex digest.
    public static func hex<C: Collection>(_ data: C) -> String where C.Element == UInt8 {
        hexString(hash(data))
    }

    public static func hexString(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
