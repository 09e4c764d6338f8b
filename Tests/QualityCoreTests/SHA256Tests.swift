import QualityCore
import Testing

/// Digests checked against `sha256sum` / Python's hashlib.
@Suite struct SHA256Tests {
    static let known: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        ("质量强区", "34f49b034bfdec4959266305c8e1577ed430e898d7e3cda22ff3c920c54a3844"),
    ]

    @Test(arguments: known)
    func knownDigests(_ input: String, _ digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func millionBytes() {
        let a = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(a) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        let pattern = (0..<1_000_000).map { UInt8($0 % 251) }
        let expected = "2c030d49ec131bfbbb446ad21e7a2f12cdb4f2f4f3fda3ac709dd2e68a4646c7"
        #expect(SHA256.hex(pattern) == expected)
        // Fed in uneven pieces, the digest is the same.
        var h = SHA256()
        var offset = 0
        var step = 1
        while offset < pattern.count {
            let end = min(offset + step, pattern.count)
            h.update(pattern[offset..<end])
            offset = end
            step = step * 3 % 1000 + 1
        }
        #expect(SHA256.hexString(h.finalize()) == expected)
    }

    @Test func digestIsThirtyTwoBytes() {
        #expect(SHA256.hash(Array("abc".utf8)).count == 32)
        #expect(SHA256.hash(Array("abc".utf8)).prefix(4) == [0xBA, 0x78, 0x16, 0xBF])
    }
}

@Suite struct PeriodTests {
    static let parsed: [(String, PeriodKind, Int, Int, String)] = [
        ("2025", .year, 2025, 0, "2025"), ("2025Q3", .quarter, 2025, 3, "2025Q3"),
        ("2025q1", .quarter, 2025, 1, "2025Q1"),
        ("2025-07", .month, 2025, 7, "2025-07"), ("2025-12", .month, 2025, 12, "2025-12"),
        ("0001", .year, 1, 0, "0001"),
    ]

    @Test(arguments: parsed)
    func parsesAndFormats(_ text: String, _ kind: PeriodKind, _ year: Int, _ index: Int, _ formatted: String) throws {
        let p = try #require(Period(text))
        #expect(p.kind == kind)
        #expect(p.year == year)
        #expect(p.index == index)
        #expect(p.description == formatted)
    }

    @Test(arguments: [
        "", "25", "20251", "2025Q0", "2025Q5", "2025-00", "2025-13", "2025-7", "2025Q", "abcd", "0000",
        "2025 ", " 2025", "2025-1a", "２０２５", "2025H1",
    ])
    func rejectsMalformed(_ text: String) {
        #expect(Period(text) == nil)
    }

    static let ranges: [(String, String, String)] = [
        ("2025", "2025-01-01", "2025-12-31"), ("2025Q1", "2025-01-01", "2025-03-31"),
        ("2025Q2", "2025-04-01", "2025-06-30"), ("2025Q3", "2025-07-01", "2025-09-30"),
        ("2025Q4", "2025-10-01", "2025-12-31"), ("2024-02", "2024-02-01", "2024-02-29"),
        ("2025-02", "2025-02-01", "2025-02-28"), ("2000-02", "2000-02-01", "2000-02-29"),
        ("1900-02", "1900-02-01", "1900-02-28"), ("2025-04", "2025-04-01", "2025-04-30"),
        ("2025-12", "2025-12-01", "2025-12-31"), ("2024Q1", "2024-01-01", "2024-03-31"),
    ]

    @Test(arguments: ranges)
    func startAndEndDates(_ text: String, _ start: String, _ end: String) throws {
        let p = try #require(Period(text))
        #expect(p.startDate == start)
        #expect(p.endDate == end)
    }

    @Test func previousAndContaining() throws {
        #expect(Period("2025Q1")?.previous.description == "2024Q4")
        #expect(Period("2025Q3")?.previous.description == "2025Q2")
        #expect(Period("2025-01")?.previous.description == "2024-12")
        #expect(Period("2025-10")?.previous.description == "2025-09")
        #expect(Period("2025")?.previous.description == "2024")
        #expect(Period.containing(kind: .quarter, year: 2025, month: 8).description == "2025Q3")
        #expect(Period.containing(kind: .quarter, year: 2025, month: 12).description == "2025Q4")
        #expect(Period.containing(kind: .month, year: 2025, month: 3).description == "2025-03")
        #expect(Period.containing(kind: .year, year: 2025, month: 3).description == "2025")
    }

    @Test func ordering() throws {
        let quarters = ["2025Q2", "2024Q4", "2025Q1"].compactMap(Period.init).sorted()
        #expect(quarters.map(\.description) == ["2024Q4", "2025Q1", "2025Q2"])
        let months = ["2025-02", "2024-12", "2025-10"].compactMap(Period.init).sorted()
        #expect(months.map(\.description) == ["2024-12", "2025-02", "2025-10"])
    }
}
