import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import QualityCore
import QualityIngest

/// How every JSON body of the API is written: from `Encodable` types, keys in snake case
/// (`configSHA256` → `config_sha256`) and sorted, times as `2025-07-01T08:00:00Z`, a final newline.
///
/// `AppRequestContext` answers with it, so a route returns its body type (`ResponseEncodable`) and
/// nothing else. Bytes that are hashed or timed (the result and snapshot, the exports, the
/// exposition) are written by hand elsewhere (`JSONWriter`); the API never hashes what it answers.
package struct APIJSON: ResponseEncoder {
    package init() {}

    /// The body of `value`, with a final newline. Numbers are finite: config numbers are checked
    /// when read and results have been through their own JSON.
    package static func bytes(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.iso8601UTC)
        }
        return Array(try encoder.encode(value)) + [0x0A]
    }

    package func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws
        -> Response
    {
        Response.json(try Self.bytes(value))
    }
}

extension Response {
    /// A JSON body (UTF-8, ending in a newline) with its content type.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        json(ByteBuffer(bytes: bytes.last == 0x0A ? bytes : bytes + [0x0A]), status: status)
    }

    static func json(_ buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: buffer))
    }

    /// `value` as the API writes it (`APIJSON`), with another status than 200.
    static func json(encoding value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        json(try APIJSON.bytes(value), status: status)
    }
}

/// A key the API always writes: `null` when the value is absent (docs/openapi.yaml lists these keys
/// as required, with a null type), where a plain optional would leave the key out.
@propertyWrapper
package struct Nullable<Value: Encodable>: Encodable {
    package var wrappedValue: Value?

    package init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension Nullable: Sendable where Value: Sendable {}

/// A name in both languages, `{"zh": …, "en": …}`, the one form the API writes one in
/// (docs/openapi.yaml `Localized`): English falls back to the Chinese, never null. A name the config
/// does not have is a null `Localized?` (`LocalizedOrNull`).
package struct Localized: Encodable, Sendable, Equatable {
    package var zh: String
    package var en: String

    package init(_ text: LocalizedText) {
        zh = text.zh
        en = text.text(.en)
    }

    package init?(_ text: LocalizedText?) {
        guard let text else { return nil }
        self.init(text)
    }
}
