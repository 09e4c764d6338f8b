import Testing

@testable import QualityCore

/// Approved corrections on top of the bureaus' snapshot (docs/SEMANTICS.md §14): what they change,
/// what the result records, and that a result without them is byte for byte as before.
@Suite struct CorrectionTests {
    static func incidents(_ id: Int64, _ value: Value, key: String = "330203") -> FactCorrection {
        FactCorrection(
            id: id, entity: .district, key: key, fact: "major_incidents", value: value, reason: "wrong district",
            evidence: "doc 12", proposedBy: "finance", approvedBy: "admin2", approvalReason: "checked")
    }

    @Test func aCorrectionLiftsTheVetoAndIsRecorded() throws {
        let model = try WorkedExampleTests.workedModel()
        let snapshot = try WorkedExampleTests.workedSnapshot()
        let plain = model.assess(snapshot)
        #expect(plain.district(code: "330203")?.vetoedBy == ["major_incident"])
        #expect(model.assess(snapshot, corrections: []).result.json() == plain.json())

        let (result, corrected) = model.assess(
            snapshot, corrections: [Self.incidents(2, .number(0)), Self.incidents(9, .number(3), key: "999999")])
        let d = try #require(result.district(code: "330203"))
        #expect(d.vetoedBy.isEmpty)
        #expect(result.snapshotSHA256 == snapshot.sha256)
        #expect(
            result.corrections == [
                AppliedCorrection(correction: Self.incidents(2, .number(0)), bureauValue: .number(1))
            ])
        #expect(corrected.districts.value(row: 0, fact: "major_incidents") == .number(0))
        #expect(snapshot.districts.value(row: 0, fact: "major_incidents") == .number(1))

        let text = String(decoding: result.json(style: .compact), as: UTF8.self)
        #expect(text.contains(#""snapshot_sha256":"\#(snapshot.sha256)","corrections_sha256":""#))
        #expect(
            text.hasSuffix(
                #""corrections":[{"id":2,"entity":"district","key":"330203","fact":"major_incidents","bureau_value":1.0,"#
                    + #""value":0.0,"reason":"wrong district","evidence":"doc 12","proposed_by":"finance","#
                    + #""approved_by":"admin2","approval_reason":"checked"}]}"#))
        let back = try AssessmentResult.parse(json: result.json(style: .compact))
        #expect(back.corrections == result.corrections)
        #expect(back.correctionsSHA256 == result.correctionsSHA256)
    }

    @Test func aLaterCorrectionOfTheSameFactWinsAndANewFactGetsAColumn() {
        let snapshot = Snapshot(
            period: "2025", districts: FactTable(rows: ["330203": ["major_incidents": .number(1)], "330212": [:]]))
        let (corrected, applied) = snapshot.applying([
            Self.incidents(5, .number(2)), Self.incidents(3, .number(0)),
            FactCorrection(
                id: 4, entity: .district, key: "330212", fact: "cnas_labs", value: .number(7), reason: "r",
                evidence: "", proposedBy: "a", approvedBy: "b", approvalReason: "c"),
        ])
        #expect(applied.map(\.correction.id) == [3, 4, 5])
        #expect(applied.map(\.bureauValue) == [.number(1), .missing, .number(1)])
        #expect(corrected.districts.factNames == ["cnas_labs", "major_incidents"])
        #expect(corrected.districts.value(row: 0, fact: "major_incidents") == .number(2))
        #expect(corrected.districts.value(row: 1, fact: "cnas_labs") == .number(7))
        #expect(corrected.districts.value(row: 0, fact: "cnas_labs") == .missing)
    }

    @Test func factKindsFollowTheSourceFields() {
        var config = Config()
        var source = SourceConfig(id: "scj", name: LocalizedText(zh: "市监"), url: "http://x", key: "code")
        source.entity = .district
        source.fields = [
            FieldSpec(fact: "major_incidents", type: .number), FieldSpec(fact: "awards", combine: .set),
            FieldSpec(fact: "note"),
        ]
        config.sources = [source]
        let facts = config.providedFacts(.district)
        #expect(facts == ["major_incidents": [.number], "awards": [.set], "note": [.scalar]])
        #expect(config.providedFacts(.enterprise).isEmpty)
        #expect(FactKind.number.accepts(.number(0)) && !FactKind.number.accepts(.string("0")))
        #expect(FactKind.scalar.accepts(.bool(true)) && !FactKind.scalar.accepts(.missing))
        #expect(FactKind.set.accepts(.set(StringSet(["a"]))))
    }
}
