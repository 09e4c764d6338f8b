import Testing

@testable import QualityRecords

/// The packed words of a key are the same whether read from a native string's bytes or walked byte
/// by byte (bridged and other non-contiguous strings), and sort as the keys do.
@Suite struct PackedKeyTests {
    static let keys = [
        "", "9", "330212", "91330203MA000001XP", "91330203MA000002XQ", "区县代码", "123456789012345678901234",
        "1234567890123456789012345", "ab\u{0}c", "\u{7F}\u{80}é",
    ]

    @Test(arguments: keys) func fastAndSlowAgree(key: String) throws {
        let fast = PackedKey.words(key)
        let slow = PackedKey.slowWords(key)
        #expect(fast.map { [$0.0, $0.1, $0.2] } == slow.map { [$0.0, $0.1, $0.2] })
        #expect((fast == nil) == (key.utf8.count > 24 || key.utf8.contains(0)))
    }

    @Test func knownWords() throws {
        let w = try #require(PackedKey.words("91330203MA000001XP"))
        #expect(w.0 == 0x3931_3333_3032_3033)  // "91330203"
        #expect(w.1 == 0x4D41_3030_3030_3031)  // "MA000001"
        #expect(w.2 == 0x5850_0000_0000_0000)  // "XP", zero-padded
    }

    @Test func wordsSortAsTheKeys() throws {
        let packable = Self.keys.filter { PackedKey.words($0) != nil }
        let byWords = packable.sorted {
            let a = PackedKey.words($0)!, b = PackedKey.words($1)!
            return (a.0, a.1, a.2) < (b.0, b.1, b.2)
        }
        #expect(byWords == packable.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }
}
