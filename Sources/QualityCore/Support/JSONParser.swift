/// A JSON syntax error with its place in the input.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Byte offset, 0-based.
    public var offset: Int
    public var line: Int
    public var column: Int

    public var description: String { "\(line):\(column): \(message)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes into a `JSONValue` tree.
///
/// Built on `JSONReader`; documents that are large or have a known shape are better read with
/// the reader directly, which skips the tree.
public enum JSONParser {
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try JSONReader.read(bytes, syntax: { (reader) throws(JSONSyntaxError) in try reader.readValue() })
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

extension JSONReader {
    /// Consumes the value at hand as a tree.
    public mutating func readValue() throws(JSONSyntaxError) -> JSONValue {
        switch try kind() {
        case .null:
            try readNull()
            return .null
        case .bool: return .bool(try readBool())
        case .number: return .number(try parseNumber())
        case .string: return .string(try parseString())
        case .array:
            try beginArray()
            var array: [JSONValue] = []
            while try nextElement() { array.append(try readValue()) }
            return .array(array)
        case .object:
            try beginObject()
            var object = JSONObject()
            while let key = try nextKey() { object.append(key, try readValue()) }
            return .object(object)
        }
    }
}
