/// A strict RFC 8259 pull reader over UTF-8 bytes: the caller walks the document and takes the
/// values it wants, so large documents (snapshots, results, bureau pages) are decoded straight
/// into their final form without building a `JSONValue` tree first.
///
/// `JSONParser` is built on it, so both accept the same documents and report the same errors at
/// the same places. The reader borrows the bytes: use it only inside `JSONReader.read`.
public struct JSONReader {
    /// What the next value is.
    public enum Kind: Sendable, Equatable {
        case null, bool, number, string, array, object

        /// The kind's name in error messages (also `JSONValue.kindName`).
        public var name: String {
            switch self {
            case .null: "null"
            case .bool: "boolean"
            case .number: "number"
            case .string: "string"
            case .array: "array"
            case .object: "object"
            }
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    private var depth = 0
    /// One entry per open container: whether it has had no element yet.
    private var first: [Bool] = []
    private static let maxDepth = 512

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        first.reserveCapacity(16)
    }

    /// Reads one JSON document: `body` reads its value, then only whitespace may follow.
    /// A UTF-8 byte order mark is tolerated: some bureau gateways add one.
    public static func read<T>(_ bytes: [UInt8], _ body: (inout JSONReader) throws -> T) throws -> T {
        try read(bytes, body, trailing: { $0 })
    }

    /// As `read`, for bodies that throw only syntax errors.
    public static func read<T>(
        _ bytes: [UInt8], syntax body: (inout JSONReader) throws(JSONSyntaxError) -> T
    ) throws(JSONSyntaxError) -> T {
        try read(bytes, body, trailing: { $0 })
    }

    private static func read<T, E: Error>(
        _ bytes: [UInt8], _ body: (inout JSONReader) throws(E) -> T, trailing: (JSONSyntaxError) -> E
    ) throws(E) -> T {
        try bytes.withUnsafeBufferPointer { (buffer) throws(E) -> T in
            var reader = JSONReader(buffer)
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { reader.i = 3 }
            reader.skipSpace()
            let value = try body(&reader)
            reader.skipSpace()
            if reader.i != buffer.count { throw trailing(reader.error("unexpected data after the JSON value")) }
            return value
        }
    }

    // MARK: Values

    /// The kind of the value at hand, without consuming it.
    public func kind() throws(JSONSyntaxError) -> Kind {
        guard i < bytes.count else { throw error("unexpected end of input") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw error("unexpected character")
        }
    }

    /// Consumes a `null`.
    public mutating func readNull() throws(JSONSyntaxError) {
        try literal("null")
    }

    /// Consumes `true` or `false`.
    public mutating func readBool() throws(JSONSyntaxError) -> Bool {
        if i < bytes.count, bytes[i] == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// Consumes a string value (the reader must be at its opening quote).
    public mutating func readString() throws(JSONSyntaxError) -> String {
        try parseString()
    }

    /// Consumes a number. Integers of up to 15 digits are exact; longer ones and fractions go
    /// through the correctly rounded parser.
    public mutating func readNumber() throws(JSONSyntaxError) -> Double {
        try parseNumber()
    }

    /// Consumes any value, checking its syntax.
    public mutating func skipValue() throws(JSONSyntaxError) {
        switch try kind() {
        case .null: try readNull()
        case .bool: _ = try readBool()
        case .number: _ = try parseNumber()
        case .string: _ = try parseString()
        case .array:
            try beginArray()
            while try nextElement() { try skipValue() }
        case .object:
            try beginObject()
            while try nextKey() != nil { try skipValue() }
        }
    }

    // MARK: Containers

    /// Enters the object at hand; then `nextKey()` until it returns nil.
    public mutating func beginObject() throws(JSONSyntaxError) {
        try enter()
        i += 1
        first.append(true)
    }

    /// The next member's key (the reader is then at its value), or nil after the closing brace.
    public mutating func nextKey() throws(JSONSyntaxError) -> String? {
        guard try toNextMember() else { return nil }
        let key = try parseString()
        try toMemberValue()
        return key
    }

    /// As `nextKey()`, but hands the key's bytes to `match` instead of making a string: `match`
    /// returns what the key means to the caller (a column number) or nil, and only then is the
    /// key made into a string and passed to `decoded`. Keys with escapes always go to `decoded`.
    public mutating func nextKey<T>(
        match: (UnsafeBufferPointer<UInt8>) -> T?, decoded: (String) -> T
    ) throws(JSONSyntaxError) -> T? {
        guard try toNextMember() else { return nil }
        let start = i + 1
        var j = start
        while j < bytes.count {
            let b = bytes[j]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
            j += 1
        }
        if j < bytes.count, bytes[j] == UInt8(ascii: "\""),
            let hit = match(UnsafeBufferPointer(rebasing: bytes[start..<j]))
        {
            i = j + 1
            try toMemberValue()
            return hit
        }
        let key = try parseString()
        try toMemberValue()
        return decoded(key)
    }

    /// Enters the array at hand; then `nextElement()` until it returns false.
    public mutating func beginArray() throws(JSONSyntaxError) {
        try enter()
        i += 1
        first.append(true)
    }

    /// True when another element follows (the reader is then at it), false after the closing bracket.
    public mutating func nextElement() throws(JSONSyntaxError) -> Bool {
        try toNext(closing: UInt8(ascii: "]"))
    }

    /// Where the reader is, for errors found in the values it read (line and column, 1-based).
    public func syntaxError(_ message: String) -> JSONSyntaxError { error(message) }

    // MARK: Internals

    private mutating func toNextMember() throws(JSONSyntaxError) -> Bool {
        guard try toNext(closing: UInt8(ascii: "}")) else { return false }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a string key") }
        return true
    }

    /// Past the comma before the next item of the open array or object (true) or past its `closing`
    /// bracket (false).
    private mutating func toNext(closing: UInt8) throws(JSONSyntaxError) -> Bool {
        skipSpace()
        if first[first.count - 1] {
            first[first.count - 1] = false
            if i < bytes.count, bytes[i] == closing {
                close()
                return false
            }
            return true
        }
        guard i < bytes.count else { throw error("unexpected end of input") }
        switch bytes[i] {
        case UInt8(ascii: ","):
            i += 1
            skipSpace()
            return true
        case closing:
            close()
            return false
        default: throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))'")
        }
    }

    private mutating func toMemberValue() throws(JSONSyntaxError) {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
        i += 1
        skipSpace()
    }

    private mutating func close() {
        i += 1
        depth -= 1
        first.removeLast()
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth)") }
    }

    func error(_ message: String) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        let end = min(i, bytes.count)
        for k in 0..<end where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        var column = 1
        for k in lineStart..<end where bytes[k] & 0xC0 != 0x80 { column += 1 }
        return JSONSyntaxError(message: message, offset: i, line: line, column: column)
    }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw error("unexpected end of input") }
        let matches = word.withUTF8Buffer { w in
            (0..<n).allSatisfy { w[$0] == bytes[i + $0] }
        }
        guard matches else { throw error("invalid literal") }
        i += n
    }
}
