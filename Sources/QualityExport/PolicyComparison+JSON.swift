import Foundation
import QualityCore

extension PolicyComparison {
    /// Pretty JSON with sorted keys and a final newline, for `qualityd whatif` and `POST /api/v1/whatif`.
    public func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
