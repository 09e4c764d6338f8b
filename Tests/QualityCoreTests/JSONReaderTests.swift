import QualityCore
import Testing

/// The pull reader under `JSONParser` and the snapshot and result decoders.
@Suite struct JSONReaderTests {
    @Test func readerTakesKeysByTheirBytes() throws {
        let names = ["alpha", "beta"]
        let found = try JSONReader.read(Array(#"{"beta": 1, "gam\u006da": 2, "alpha": 3}"#.utf8)) { r in
            var seen: [String] = []
            try r.beginObject()
            while let key = try r.nextKey(
                match: { bytes in names.first { Array($0.utf8) == Array(bytes) }.map { "bytes:" + $0 } },
                decoded: { "string:" + $0 })
            {
                seen.append(key)
                _ = try r.readNumber()
            }
            return seen
        }
        #expect(found == ["bytes:beta", "string:gamma", "bytes:alpha"])
    }

    /// Decimal texts of every shape the fast path takes or leaves: exact integers, fractions,
    /// exponents, long significands, subnormal and huge values.
    static func numberTexts() -> [String] {
        var texts = [
            "0", "-0", "-0.0", "0.1", "0.30000000000000004", "9007199254740992", "9007199254740993",
            "12345678901234567890", "1e22", "1e23", "1.5e-22", "4.9e-324", "1.7976931348623157e308", "123.456e-7",
            "0.000001", "1E+2", "2.2250738585072014e-308", "99999999999999999999e-5", "1e-400", "1e400",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        for _ in 0..<20_000 {
            let whole = next() % 10_000_000
            let fraction = next() % 1_000_000
            let places = Int(next() % 7)
            var text = "\(whole)"
            if places > 0 {
                let f = String(fraction)
                text += "." + String(repeating: "0", count: max(0, places - f.count)) + f.prefix(places)
            }
            if next() % 4 == 0 { text += "e\(Int(next() % 60) - 30)" }
            if next() % 3 == 0 { text = "-" + text }
            texts.append(text)
        }
        return texts
    }

    @Test func numbersReadAsTheCorrectlyRoundedParserReadsThem() throws {
        for text in Self.numberTexts() {
            let expected = try #require(Double(text))
            let read = try JSONReader.read(Array(text.utf8)) { try $0.readNumber() }
            #expect(read.bitPattern == expected.bitPattern, "\(text)")
        }
    }
}
