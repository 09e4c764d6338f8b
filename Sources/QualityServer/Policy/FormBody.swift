import Foundation

/// The fields of a posted form: `application/x-www-form-urlencoded` or `multipart/form-data`
/// (a file input). The first value of each name; files as their bytes.
enum FormBody {
    static func fields(_ body: [UInt8], contentType: String?) -> [String: [UInt8]] {
        let type = contentType?.lowercased() ?? ""
        guard type.hasPrefix("multipart/form-data"), let boundary = boundary(contentType ?? "") else {
            return LoginRoutes.form(String(decoding: body, as: UTF8.self)).mapValues { Array($0.utf8) }
        }
        var fields: [String: [UInt8]] = [:]
        let delimiter = Array("--\(boundary)".utf8)
        for part in split(body, by: delimiter).dropFirst() {
            // Each part: CRLF, headers, CRLF CRLF, content, CRLF (before the next delimiter).
            guard let headerEnd = find(part, Array("\r\n\r\n".utf8)) else { continue }
            let headers = String(decoding: part[..<headerEnd], as: UTF8.self)
            guard let name = parameter("name", in: headers), fields[name] == nil else { continue }
            var content = Array(part[(headerEnd + 4)...])
            if content.suffix(2) == [0x0D, 0x0A] { content.removeLast(2) }
            fields[name] = content
        }
        return fields
    }

    private static func boundary(_ contentType: String) -> String? {
        guard let value = parameter("boundary", in: contentType) else { return nil }
        return value.isEmpty ? nil : value
    }

    /// `name="value"` or `name=value` in a header line.
    private static func parameter(_ name: String, in text: String) -> String? {
        for piece in text.split(whereSeparator: { $0 == ";" || $0 == "\r" || $0 == "\n" }) {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(name + "=") else { continue }
            var value = String(pair.dropFirst(name.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    private static func find(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count, let first = needle.first else { return nil }
        var i = haystack.startIndex
        while i <= haystack.endIndex - needle.count {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static func split(_ body: [UInt8], by delimiter: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var rest = body[...]
        while let at = find(rest, delimiter) {
            parts.append(rest[..<at])
            rest = rest[(at + delimiter.count)...]
        }
        parts.append(rest)
        return parts
    }
}
