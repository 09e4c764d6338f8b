import QualityCore
import Testing

/// GB 32100-2015 check characters and the single money rounding of docs/SEMANTICS.md §7.
@Suite struct USCCTests {
    static let valid = [
        "91330212MA000005XW", "91350100M000100Y43", "914403001922038216", "91330203MA000001XP",
        "91330212MA000008X0", "91330299MA000009X2",
    ]

    @Test(arguments: valid)
    func validCodes(_ code: String) {
        #expect(USCC.isValid(code))
        #expect(USCC.checkCharacter(for: String(code.prefix(17))).map(String.init) == String(code.suffix(1)))
    }

    static let invalid: [(String, String)] = [
        ("91330212MA00000999", "wrong check character (3 is right)"),
        ("91330212MA000005XX", "wrong check character"),
        ("91350100M000100Y44", "wrong check character"),
        ("91330212IA000005XW", "I is not in the alphabet"),
        ("91330212OA000005XW", "O is not in the alphabet"),
        ("91330212SA000005XW", "S is not in the alphabet"),
        ("91330212VA000005XW", "V is not in the alphabet"),
        ("91330212ZA000005XW", "Z is not in the alphabet"),
        ("91330212ma000005xw", "lower case"),
        ("91330212MA000005Xw", "lower-case check character"),
        ("91330212MA000005X", "17 characters"),
        ("91330212MA000005XW0", "19 characters"),
        ("", "empty"),
        (" 91330212MA000005XW", "leading space"),
        ("91330212MA000005XＷ", "full-width W"),
    ]

    @Test(arguments: invalid)
    func invalidCodes(_ code: String, _ why: String) {
        #expect(!USCC.isValid(code), "\(why)")
    }

    @Test func checkCharacterNeedsSeventeenCharactersOfTheAlphabet() {
        #expect(USCC.checkCharacter(for: "91330212MA000005") == nil)
        #expect(USCC.checkCharacter(for: "91330212MA000005XW") == nil)
        #expect(USCC.checkCharacter(for: "91330212MA00000IX") == nil)
        // A weighted sum that is a multiple of 31 gives check value 0, not 31.
        #expect(USCC.checkCharacter(for: "91330212MA0000020") == "0")
        #expect(USCC.isValid("91330212MA00000200"))
    }

    @Test func normalizeTrimsAndUpperCasesAscii() {
        #expect(USCC.normalize("  91330212ma000005xw\t") == "91330212MA000005XW")
        #expect(USCC.normalize("\u{3000}91330212MA000005XW\r\n") == "91330212MA000005XW")
        #expect(USCC.isValid(USCC.normalize(" 91330212ma000005xw ")))
        #expect(USCC.normalize("质量abc") == "质量ABC")
    }
}

@Suite struct MoneyTests {
    /// fen = sign(y) × floor(|y| + 0.5 + 1e-9), y = yuan × 100.
    static let cases: [(Double, Int64)] = [
        (0, 0), (1, 100), (200_000, 20_000_000), (0.01, 1), (0.005, 1), (0.004999, 0), (0.004, 0),
        (-0.005, -1), (-0.004999, 0), (-1.5, -150), (1.005, 101), (2.675, 268), (-2.675, -268), (0.125, 13),
        // The 1e-9: a y this close below .5 rounds up; a little further it does not.
        (0.00499999999, 1), (0.0049999999, 0), (1e-9, 0), (123_456_789.125, 12_345_678_913),
        (999_999_999_999.99, 99_999_999_999_999),
    ]

    @Test(arguments: cases)
    func fenRounding(_ yuan: Double, _ fen: Int64) {
        #expect(Money.fen(yuan: yuan) == fen, "\(yuan)")
    }

    @Test func fenRefusesWhatIsNotMoney() {
        #expect(Money.fen(yuan: .nan) == nil)
        #expect(Money.fen(yuan: .infinity) == nil)
        #expect(Money.fen(yuan: 1e14) == nil)
    }

    @Test func formatting() {
        #expect(Money.format(fen: 123_456_789) == "1,234,567.89")
        #expect(Money.format(fen: -5) == "-0.05")
        #expect(Money.format(fen: 100_000, grouping: false) == "1000.00")
        #expect(Money.format(fen: 0) == "0.00")
        #expect(Money.yuan(fen: 12_345) == 123.45)
    }
}
