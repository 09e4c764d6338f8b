import QualityCore
import Testing

/// Snapshots read straight from their bytes (`Snapshot.parse`) read as a parsed tree would.
@Suite struct SnapshotDecodingTests {
    static func parse(_ text: String) throws -> Snapshot { try Snapshot.parse(json: Array(text.utf8)) }

    static func message(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func factsInAnyOrderLandInTheirColumns() throws {
        let s = try Self.parse(
            #"""
            {"period": "2025", "enterprises": {
              "B": {"x": 1, "y": "b", "z": ["q", "p", "q"]},
              "A": {"z": [], "x": 2.5, "w": true},
              "C": {"y": null, "x": -3, "v\u0061": 7}
            }}
            """#)
        let e = s.enterprises
        #expect(e.keys == ["A", "B", "C"])
        #expect(e.factNames == ["va", "w", "x", "y", "z"])
        #expect(e.value(row: 0, fact: "x") == .number(2.5))
        #expect(e.value(row: 1, fact: "z") == .set(StringSet(["p", "q"])))
        #expect(e.value(row: 1, fact: "y") == .string("b"))
        #expect(e.value(row: 2, fact: "y") == .missing)
        #expect(e.value(row: 2, fact: "va") == .number(7))
        #expect(e.value(row: 0, fact: "w") == .bool(true))
    }

    @Test func aFactThatIsAlwaysNullHasNoColumn() throws {
        let s = try Self.parse(#"{"period": "2025", "enterprises": {"A": {"n": null, "x": 1}, "B": {"n": null}}}"#)
        #expect(s.enterprises.factNames == ["x"])
    }

    @Test func repeatedKeysKeepTheirLastValue() throws {
        let s = try Self.parse(
            #"""
            {"period": "2024", "enterprises": {"A": {"x": 1}}, "period": "2025",
             "enterprises": {"B": {"x": 2, "x": 3, "x": null}, "B": {"y": 4}}}
            """#)
        #expect(s.period == "2025")
        #expect(s.enterprises.keys == ["B"])
        #expect(s.enterprises.value(row: 0, fact: "y") == .number(4))
        #expect(s.enterprises.value(row: 0, fact: "x") == .missing)
    }

    @Test func aLaterOccurrenceReplacesABadOne() throws {
        let s = try Self.parse(#"{"period": "2025", "districts": [], "districts": {"1": {"a": 1}}}"#)
        #expect(s.districts.keys == ["1"])
    }

    static let precedence: [(String, String)] = [
        // A syntax error after a problem of shape is what is reported, as with a tree.
        (#"{"period": "2025", "enterprises": {"X": 1}, "payouts": [}"#, "invalid JSON at 1:57: unexpected character"),
        // Period first, then districts, enterprises, payouts, whatever the document order.
        (#"{"payouts": 1, "enterprises": {"X": 1}, "period": true}"#, "period: expected a period such as \"2025\""),
        (
            #"{"payouts": 1, "enterprises": {"X": 1}, "districts": {"1": {"a": {}}}, "period": "2025"}"#,
            "districts.1.a: a fact is a number, string, boolean or array of strings"
        ),
        (
            #"{"period": "2025", "payouts": 1, "enterprises": {"X": 1}}"#,
            "enterprises.X: expected an object of facts, found number"
        ),
        (#"{"period": "2025", "payouts": {}}"#, "payouts: expected an array, found object"),
        (#"{"period": "2025", "payouts": [{"uscc": 1}]}"#, "payouts[0].uscc: expected a string"),
        // The first problem in document order within a table.
        (
            #"{"period": "2025", "enterprises": {"X": {"a": [1]}, "Y": 2}}"#,
            "enterprises.X.a: an array fact holds strings only, found number"
        ),
        ("\u{FEFF}{\"period\": \"2025\"} x", "invalid JSON at 1:21: unexpected data after the JSON value"),
    ]

    @Test(arguments: precedence)
    func problemsAreReportedAsATreeWouldReportThem(_ text: String, _ expected: String) {
        #expect(Self.message(text) == expected)
    }

    @Test func theTreeInitializerReadsTheSame() throws {
        let text = #"{"period": 2025, "districts": {"2": {"k": 1.25}}, "enterprises": {"A": {"s": ["b", "a"]}}}"#
        let fromTree = try Snapshot(json: try JSONParser.parse(text))
        let fromBytes = try Self.parse(text)
        #expect(fromTree.json() == fromBytes.json())
        #expect(fromTree.period == "2025")
    }
}
