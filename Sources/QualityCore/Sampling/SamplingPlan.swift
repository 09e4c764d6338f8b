/// A drawn sampling plan and everything needed to redo it: the seed, the inputs and their hash,
/// the counts per stratum and the selected enterprises with their inspectors.
public struct SamplingPlan: Sendable {
    public var seed: String
    /// See `SamplingDraw.inputSHA256`.
    public var inputSHA256: String
    public var classes: [RiskClass]
    public var minPerStratum: Int
    public var inspectors: [Inspector]
    /// Every enterprise, selected or not, in USCC order.
    public var population: [SamplingEntry]
    /// Non-empty strata, by district code then class in config order.
    public var strata: [Stratum]
    /// Stratum by stratum, each in draw order.
    public var selections: [Selection]

    public struct Stratum: Sendable, Hashable {
        public var district: String
        public var riskClass: String
        public var enterprises: Int
        public var selected: Int
    }

    public struct Selection: Sendable, Hashable {
        public var entry: SamplingEntry
        /// Inspector ids, in draw order.
        public var inspectors: [String]
    }

    /// A seed is 1 to 64 characters of letters, digits, `.`, `_` and `-`, so that it reads the same
    /// in a notice, a URL and a shell.
    public static func isValidSeed(_ seed: String) -> Bool {
        let scalars = seed.unicodeScalars
        return (1...64).contains(scalars.count)
            && scalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
            }
    }
}
