/// Writes CSV as RFC 4180 says and Excel reads it: UTF-8 with a byte order mark (without it
/// Excel on Chinese Windows reads the file as GBK), CRLF after every record, and a field quoted
/// when it holds `,`, `"`, CR or LF, with its quotes doubled.
///
/// Fields are written as given; neutralizing formula triggers is the caller's decision
/// (`CellSanitizer`), since only the caller knows which fields are text.
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init(byteOrderMark: Bool = true) {
        bytes = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends one record and its CRLF.
    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// Whether a field must be quoted.
    static func needsQuotes(_ field: String) -> Bool {
        field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
    }

    private mutating func append(_ field: String) {
        guard Self.needsQuotes(field) else {
            bytes.append(contentsOf: field.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for b in field.utf8 {
            if b == UInt8(ascii: "\"") { bytes.append(b) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
