import QualityCore

/// The records of one page, as decoded from its body.
public enum RecordPage: Sendable, Equatable {
    /// JSON records (normally objects) in order.
    case json([JSONValue])
    /// CSV rows with their header.
    case csv(CSVTable)

    /// The number of records on the page (what pagination compares with `size`).
    public var count: Int {
        switch self {
        case .json(let records): records.count
        case .csv(let table): table.rows.count
        }
    }
}

/// Turns a page body into records: pure, so that fixtures test it without a server.
public enum PageDecoder {
    /// Decodes `body` by the source's `format`, `records` path and `encoding`; anything that does
    /// not decode (including a content type that is clearly another format) is a `decode_error`.
    public static func parse(_ body: [UInt8], contentType: String?, source: SourceConfig) throws(FetchError)
        -> RecordPage
    {
        try checkContentType(contentType, format: source.format)
        switch source.format {
        case .json: return .json(try parseJSON(body, records: source.records, encoding: source.encoding))
        case .csv: return .csv(try parseCSV(body, encoding: source.encoding))
        }
    }

    /// The record array of a JSON body: at the dotted `records` path, or the body itself.
    public static func parseJSON(
        _ body: [UInt8], records path: String?, encoding: TextEncoding = .utf8
    ) throws(FetchError) -> [JSONValue] {
        let root: JSONValue
        do {
            // JSON is UTF-8 (RFC 8259); a source that declares another encoding is converted first.
            if encoding == .utf8 {
                root = try JSONParser.parse(body)
            } else {
                root = try JSONParser.parse(try TextDecoding.utf8(body, encoding: encoding))
            }
        } catch let error as JSONSyntaxError {
            throw FetchError(.decodeError, "invalid JSON at \(error.line):\(error.column): \(error.message)")
        } catch {
            throw FetchError(.decodeError, "undecodable body: \(error)")
        }
        let path = path ?? ""
        guard let found = root.value(atPath: path) else {
            throw FetchError(.decodeError, "no record array at '\(path)'")
        }
        guard case .array(let records) = found else {
            let place = path.isEmpty ? "the body" : "'\(path)'"
            throw FetchError(.decodeError, "expected a record array at \(place), found \(found.kindName)")
        }
        return records
    }

    /// A CSV body in `encoding`, header first.
    public static func parseCSV(_ body: [UInt8], encoding: TextEncoding) throws(FetchError) -> CSVTable {
        do {
            return try CSVParser.parse(try TextDecoding.utf8(body, encoding: encoding))
        } catch let error as TextDecodingError {
            throw FetchError(.decodeError, "not \(encoding.rawValue) text: \(error)")
        } catch {
            throw FetchError(.decodeError, "invalid CSV: \(error)")
        }
    }

    /// Rejects a content type that is clearly not the source's format (an HTML error page from a
    /// gateway, XML, an image); a missing, generic or unknown type is left to the parser.
    public static func checkContentType(_ contentType: String?, format: SourceFormat) throws(FetchError) {
        guard let contentType else { return }
        let media = contentType.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingSpaces() } ?? ""
        let type = media.lowercased()
        var foreign = type.hasPrefix("text/html") || type.hasSuffix("/xml") || type.hasSuffix("+xml")
        foreign = foreign || ["image/", "audio/", "video/", "multipart/", "font/"].contains { type.hasPrefix($0) }
        switch format {
        case .json: foreign = foreign || type == "text/csv" || type.hasSuffix("/csv")
        case .csv: foreign = foreign || type.hasSuffix("/json") || type.hasSuffix("+json")
        }
        if foreign {
            throw FetchError(.decodeError, "content type '\(contentType)' is not \(format.rawValue)")
        }
    }
}
