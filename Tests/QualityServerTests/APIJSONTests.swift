import Foundation
import QualityCore
import Testing

@testable import QualityServer

/// How every API body is written (`APIJSON`): the bytes other clients read.
@Suite struct APIJSONTests {
    struct Body: Encodable {
        var configSHA256: String
        @Nullable var total: Double?
        @Nullable var grade: String?
        var details: [String]?
        var name: Localized
        @Nullable var gradeName: Localized?
        var at: Date
    }

    @Test func snakeCaseSortedNullsKeptOptionalsLeftOutNewlineAtTheEnd() throws {
        let body = Body(
            configSHA256: "ab", total: 81.5, grade: nil, details: nil,
            name: Localized(LocalizedText(zh: "鄞州区")), gradeName: nil,
            at: Date(timeIntervalSince1970: 1_751_356_800.75))
        let text = String(decoding: try APIJSON.bytes(body), as: UTF8.self)
        #expect(
            text
                == #"{"at":"2025-07-01T08:00:00Z","config_sha256":"ab","grade":null,"grade_name":null,"#
                + #""name":{"en":"鄞州区","zh":"鄞州区"},"total":81.5}"# + "\n")
    }

    @Test func localizedKeepsEnglishAndIsNullOnlyForAMissingName() {
        #expect(Localized(LocalizedText(zh: "海曙区", en: "Haishu")).en == "Haishu")
        let missing: LocalizedText? = nil
        #expect(Localized(missing) == nil)
    }

    @Test func aJSONValueIsWrittenAgainWithItsKeysAsTheyAre() throws {
        let value = try JSONParser.parse(#"{"budget_fen": 30000, "awards": [{"grantedFen": 1.5, "notes": []}]}"#)
        #expect(
            String(decoding: try APIJSON.bytes(value), as: UTF8.self)
                == #"{"awards":[{"grantedFen":1.5,"notes":[]}],"budget_fen":30000}"# + "\n")
    }
}
