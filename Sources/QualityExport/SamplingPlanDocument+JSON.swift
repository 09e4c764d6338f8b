import Foundation
import QualityCore

extension SamplingPlanDocument {
    /// Pretty JSON with sorted keys and a final newline: the same plan gives the same bytes.
    public func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    /// A plan read back from `jsonBytes()`.
    public static func parse(json: [UInt8]) throws -> SamplingPlanDocument {
        try JSONDecoder().decode(SamplingPlanDocument.self, from: Data(json))
    }
}
