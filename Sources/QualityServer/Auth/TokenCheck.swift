import QualityCore

/// Matches a presented token against the configured digests without telling by its timing which
/// digest (or how much of one) matched.
package enum TokenCheck {
    /// The configured token whose `sha256` is the SHA-256 of `token`, if any.
    ///
    /// Every configured digest is compared in full, whether or not an earlier one matched, so the
    /// time taken depends only on the number of tokens.
    package static func match(_ token: String, in tokens: [TokenConfig]) -> TokenConfig? {
        let digest = Array(SHA256.hex(Array(token.utf8)).utf8)
        var found: TokenConfig?
        for candidate in tokens {
            let equal = constantTimeEqual(digest, Array(candidate.sha256.lowercased().utf8))
            if equal && found == nil { found = candidate }
        }
        return found
    }

    /// Whether `a` and `b` hold the same bytes, looking at every byte of the longer one (no early exit).
    package static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
