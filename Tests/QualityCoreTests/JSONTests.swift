import QualityCore
import Testing

/// The JSON parser and writer of the data paths.
@Suite struct JSONTests {
    static func parseError(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func roundTripThroughTheWriter() throws {
        let text = #"""
            {"s": "a\"b\\c\/d\n\r\t\u0001é😀", "n": [0, -0, 1.5, -2.25e-3, 1e20, 12345678901234567890],
             "b": [true, false, null], "o": {"z": {}, "a": []}, "名": "质量"}
            """#
        let value = try JSONParser.parse(text)
        for style in [JSONWriter.Style.canonical, .compact, .pretty(indent: 2)] {
            var w = JSONWriter(style: style)
            w.value(value)
            #expect(try JSONParser.parse(w.bytes) == value)
        }
        #expect(value.value(atPath: "s") == .string("a\"b\\c/d\n\r\t\u{1}é😀"))
        #expect(
            value.value(atPath: "n")
                == .array([
                    .number(0), .number(-0.0), .number(1.5), .number(-0.00225), .number(1e20),
                    .number(1.234_567_890_123_456_7e19),
                ]))
        #expect(value.value(atPath: "o.z") == .object(JSONObject()))
        #expect(value.value(atPath: "o.y") == nil)
        #expect(value.objectValue?.keys == ["s", "n", "b", "o", "名"])
    }

    @Test func writerEscapesAndSortsKeys() throws {
        var w = JSONWriter(style: .canonical)
        w.value(
            try JSONParser.parse(#"{"b": "q\"\\\n\r\t\u0001\u001f/é", "a": 1, "B": 2.5, "名": null}"#), sortKeys: true)
        #expect(w.string == #"{"B":2.5,"a":1,"b":"q\"\\\n\r\t\u0001\u001f/é","名":null}"#)
    }

    static let numbers: [(Double, String, String)] = [
        (10, "10", "10.0"), (-0.0, "0", "-0.0"), (0.1, "0.1", "0.1"), (1e20, "1e+20", "1e+20"), (-2.5, "-2.5", "-2.5"),
        (.nan, "null", "null"), (.infinity, "null", "null"),
        (123_456_789_012_345, "123456789012345", "123456789012345.0"),
    ]

    @Test(arguments: numbers)
    func numberFormats(_ x: Double, _ canonical: String, _ compact: String) {
        var c = JSONWriter(style: .canonical)
        c.number(x)
        #expect(c.string == canonical)
        var p = JSONWriter(style: .compact)
        p.number(x)
        #expect(p.string == compact)
    }

    @Test func prettyLayout() throws {
        var w = JSONWriter(style: .pretty(indent: 1))
        w.value(try JSONParser.parse(#"{"a": [1, {}], "b": [], "c": {"d": "e"}}"#))
        #expect(w.string == "{\n \"a\": [\n  1.0,\n  {}\n ],\n \"b\": [],\n \"c\": {\n  \"d\": \"e\"\n }\n}")
    }

    static let surrogates: [(String, String)] = [
        (#""\ud83d\ude00""#, "😀"), (#""\uD83D\uDE00x""#, "😀x"), (#""\ud800""#, "\u{FFFD}"),
        (#""\ud800x""#, "\u{FFFD}x"), (#""\udc00""#, "\u{FFFD}"), (#""\ud800\u0041""#, "\u{FFFD}A"),
        (#""\ud800\ud800\udc00""#, "\u{FFFD}𐀀"), (#""\u00e9\u4e2d""#, "é中"),
    ]

    @Test(arguments: surrogates)
    func surrogatePairs(_ json: String, _ expected: String) throws {
        #expect(try JSONParser.parse(json) == .string(expected))
    }

    static let errors: [(String, Int, Int, String)] = [
        ("{\"a\": 1,\n \"b\": tru}", 2, 7, "invalid literal"),
        ("{\"名\": x}", 1, 7, "unexpected character"),
        ("\"abc", 1, 5, "unterminated string"),
        ("1 2", 1, 3, "unexpected data after the JSON value"),
        ("[1,]", 1, 4, "unexpected character"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{1: 2}", 1, 2, "expected a string key"),
        ("[\n\n  01]", 3, 4, "expected ',' or ']'"),
        ("1.", 1, 3, "invalid number"),
        ("-", 1, 2, "invalid number"),
        (".5", 1, 1, "unexpected character"),
        ("\"a\u{1}b\"", 1, 3, "control character in string"),
        ("\"\\x\"", 1, 4, "invalid escape"),
        ("\"\\u12g4\"", 1, 6, "invalid \\u escape"),
        ("", 1, 1, "unexpected end of input"),
        ("[", 1, 2, "unexpected end of input"),
        ("NaN", 1, 1, "unexpected character"),
    ]

    @Test(arguments: errors)
    func syntaxErrorsNameLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        let error = Self.parseError(text)
        #expect(error?.message == message, "\(text)")
        #expect(error?.line == line, "\(text)")
        #expect(error?.column == column, "\(text)")
    }

    @Test func deepNestingIsRefused() throws {
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(Self.parseError(deep)?.message == "nesting deeper than 512")
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(Self.parseError(ok) == nil)
        let objects = String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)
        #expect(Self.parseError(objects)?.message == "nesting deeper than 512")
    }

    @Test func byteOrderMarkAndLongIntegers() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number(1)]))
        #expect(try JSONParser.parse("999999999999999") == .number(999_999_999_999_999))
        #expect(try JSONParser.parse("9007199254740993") == .number(9_007_199_254_740_992))
        #expect(try JSONParser.parse("-12.5e1") == .number(-125))
    }
}

@Suite struct SnapshotTests {
    static let written = #"""
        { "period": "2025",
          "payouts": [ { "year": 2024, "uscc": "91330212MA000005XW", "program": "lab", "granted_fen": 100 },
                       { "uscc": "91330212MA000005XW", "program": "lab", "year": 2023, "granted_fen": 1500.0 } ],
          "enterprises": { "91330212MA000005XW": { "name": "企业", "n": 10.0, "district": "330212",
                                                  "awards": ["b", "a", "b"], "gone": null } },
          "districts": { "330212": { "c": true, "b": ["y", "x"], "a": 0.5 }, "330203": { "major_incidents": 1 } } }
        """#

    static let canonical = #"""
        {"districts":{"330203":{"major_incidents":1},"330212":{"a":0.5,"b":["x","y"],"c":true}},\#
        "enterprises":{"91330212MA000005XW":{"awards":["a","b"],"district":"330212","n":10,"name":"企业"}},\#
        "payouts":[{"granted_fen":1500,"program":"lab","uscc":"91330212MA000005XW","year":2023},\#
        {"granted_fen":100,"program":"lab","uscc":"91330212MA000005XW","year":2024}],"period":"2025"}
        """#

    @Test func canonicalJsonIsKeySortedAndCompact() throws {
        let snapshot = try Snapshot.parse(json: Array(Self.written.utf8))
        #expect(String(decoding: snapshot.json(style: .canonical), as: UTF8.self) == Self.canonical)
        // Checked with `sha256sum` over the canonical text above.
        #expect(snapshot.sha256 == "a34ba5cc6b690d290d477cf3b28080c6f419cd712abdb5b729d41eb06298bb06")
        let again = try Snapshot.parse(json: snapshot.json(style: .pretty(indent: 2)))
        #expect(again.sha256 == snapshot.sha256)
    }

    @Test func snapshotFactsAndPayouts() throws {
        let snapshot = try Snapshot.parse(json: Array(Self.written.utf8))
        let e = snapshot.enterprises
        let row = try #require(e.row(forKey: "91330212MA000005XW"))
        #expect(e.value(row: row, fact: "awards") == .set(StringSet(["a", "b"])))
        #expect(e.value(row: row, fact: "gone") == .missing)
        #expect(e.value(row: row, fact: "n") == .number(10))
        #expect(snapshot.payouts.count == 2)
        #expect(snapshot.districts.keys == ["330203", "330212"])
    }

    static let badSnapshots: [(String, String)] = [
        (#"[]"#, "expected an object, found array"),
        (#"{"period": true}"#, "period: expected a period such as \"2025\""),
        (#"{"period": "2025", "enterprises": []}"#, "enterprises: expected an object keyed by code, found array"),
        (#"{"period": "2025", "enterprises": {"X": 1}}"#, "enterprises.X: expected an object of facts, found number"),
        (
            #"{"period": "2025", "districts": {"1": {"a": {"b": 1}}}}"#,
            "districts.1.a: a fact is a number, string, boolean or array of strings"
        ),
        (
            #"{"period": "2025", "districts": {"1": {"a": ["x", 1]}}}"#,
            "districts.1.a: an array fact holds strings only, found number"
        ),
        (
            #"{"period": "2025", "payouts": [{"uscc": "X", "program": "p", "year": 2024.5, "granted_fen": 1}]}"#,
            "payouts[0].year: expected a whole year"
        ),
        (
            #"{"period": "2025", "payouts": [{"uscc": "X", "program": "p", "year": 2024}]}"#,
            "payouts[0].granted_fen: expected a whole number of fen"
        ),
        ("{\"period\": \n 2025,}", "invalid JSON at 2:7: expected a string key"),
    ]

    @Test(arguments: badSnapshots)
    func snapshotErrorsNameThePath(_ json: String, _ message: String) {
        #expect(throws: SnapshotError.self) { try Snapshot.parse(json: Array(json.utf8)) }
        do {
            _ = try Snapshot.parse(json: Array(json.utf8))
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func numericPeriodIsAccepted() throws {
        #expect(try Snapshot.parse(json: Array(#"{"period": 2025}"#.utf8)).period == "2025")
    }
}
