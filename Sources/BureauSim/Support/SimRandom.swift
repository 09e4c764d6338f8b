/// Deterministic hashing for the simulated world.
///
/// Everything the simulator serves is a pure function of (seed, period, index), so a page can be
/// generated on its own, at any size, and the same request gives the same bytes on every run and
/// platform. Swift's `Hasher` is randomly seeded per process, so it cannot serve here; SplitMix64's
/// finalizer is small, fast and mixes well enough for synthetic data.
enum SimHash {
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    static func hash(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(mix(a) ^ b)
    }

    @inline(__always)
    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        mix(hash(a, b) ^ c)
    }

    @inline(__always)
    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> UInt64 {
        mix(hash(a, b, c) ^ d)
    }

    @inline(__always)
    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64, _ e: UInt64) -> UInt64 {
        mix(hash(a, b, c, d) ^ e)
    }

    /// FNV-1a over the UTF-8 bytes, then mixed: a stable hash of a string.
    static func string(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return mix(h)
    }

    /// A number in [0, 1) from a hash.
    @inline(__always)
    static func unit(_ h: UInt64) -> Double {
        Double(h >> 11) * 0x1.0p-53
    }
}

/// Which use a hash serves, so that unrelated draws over the same index never correlate.
enum Stream: UInt64 {
    case district = 1
    case industry, size, quality, name, legalForm, uscc
    case periodQuality, districtPeriod
    case sampling, returns, demo, ccc, exports, awards, labs, labNew, standards, issues, incidents
    case majorIncident, complaints, payouts
    case requestFault, recordFault
}

/// A small SplitMix64 generator for the several draws of one record.
struct SimRandom {
    private var state: UInt64

    init(_ seed: UInt64) {
        state = seed
    }

    init(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64 = 0, _ e: UInt64 = 0) {
        state = SimHash.hash(a, b, c, d, e)
    }

    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { SimHash.unit(next()) }

    /// Uniform in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Index into `weights`, each chosen with probability proportional to its weight;
    /// uniform when all weights are zero.
    mutating func pick(_ weights: [Double]) -> Int {
        Self.pick(weights, u: unit())
    }

    static func pick(_ weights: [Double], u: Double) -> Int {
        var total = 0.0
        for w in weights { total += w }
        guard total > 0 else { return min(weights.count - 1, Int(u * Double(weights.count))) }
        var target = u * total
        for (i, w) in weights.enumerated() {
            if target < w { return i }
            target -= w
        }
        return weights.count - 1
    }
}

extension Double {
    func clamped(_ low: Double, _ high: Double) -> Double { Swift.min(Swift.max(self, low), high) }
}
