import QualityCore

/// A CSV body: the header row and the records after it.
public struct CSVTable: Sendable, Equatable {
    /// Column names from the first row, trimmed of surrounding spaces.
    public var header: [String]
    /// Records in order; a row may be shorter than the header (its missing cells are absent).
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }
}

/// CSV that does not follow RFC 4180; `line` is 1-based.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "CSV line \(line): \(message)" }
}

/// RFC 4180 over UTF-8 bytes: comma-separated, fields optionally in double quotes (a doubled quote
/// inside is one quote, commas and line breaks inside are data), records end in CRLF or LF.
/// Blank lines are skipped; the first record is the header.
public enum CSVParser {
    public static func parse(_ bytes: [UInt8]) throws(CSVError) -> CSVTable {
        var records: [[String]] = []
        try forEachRecord(bytes) { records.append($0) }
        guard !records.isEmpty else { return CSVTable(header: [], rows: []) }
        let header = records.removeFirst().map { $0.trimmingSpaces() }
        return CSVTable(header: header, rows: records)
    }

    /// Calls `body` with each record's fields, header included.
    public static func forEachRecord(_ bytes: [UInt8], _ body: ([String]) -> Void) throws(CSVError) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        let n = bytes.count
        var i = TextDecoding.hasUTF8BOM(bytes) ? 3 : 0
        var line = 1
        var fields: [String] = []
        var scratch: [UInt8] = []
        while i < n {
            // A blank line is no record.
            if fields.isEmpty, bytes[i] == lf || bytes[i] == cr {
                if bytes[i] == lf { line += 1 }
                i += 1
                continue
            }
            if bytes[i] == quote {
                let startLine = line
                scratch.removeAll(keepingCapacity: true)
                i += 1
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n, bytes[i + 1] == quote {
                            scratch.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if b == lf { line += 1 }
                    scratch.append(b)
                    i += 1
                }
                guard closed else { throw CSVError(line: startLine, message: "unterminated quoted field") }
                fields.append(String(decoding: scratch, as: UTF8.self))
                guard i == n || bytes[i] == comma || bytes[i] == lf || bytes[i] == cr else {
                    throw CSVError(line: line, message: "unexpected character after a closing quote")
                }
            } else {
                let start = i
                while i < n, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                    if bytes[i] == quote {
                        throw CSVError(line: line, message: "a quote inside an unquoted field")
                    }
                    i += 1
                }
                fields.append(String(decoding: bytes[start..<i], as: UTF8.self))
            }
            // After a field: a comma (another field follows), a line end, or the end of input.
            if i < n, bytes[i] == comma {
                i += 1
                if i == n || bytes[i] == lf || bytes[i] == cr { fields.append("") }
                if i < n, bytes[i] != lf, bytes[i] != cr { continue }
            }
            if i < n, bytes[i] == cr { i += 1 }
            if i < n, bytes[i] == lf {
                i += 1
                line += 1
            }
            body(fields)
            fields.removeAll(keepingCapacity: true)
        }
        if !fields.isEmpty { body(fields) }
    }
}
