import Glibc
import QualityCore

/// A body that is not valid text in the source's encoding.
public struct TextDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Byte offset of the first bad sequence, when known.
    public var offset: Int?

    public init(_ message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    public var description: String { offset.map { "\(message) at byte \($0)" } ?? message }
}

/// Turns response bodies into UTF-8: a UTF-8 byte order mark is dropped, GB18030 is converted
/// with glibc's iconv (the encoding Chinese government spreadsheets are usually exported in).
public enum TextDecoding {
    /// The body as UTF-8 bytes, without a byte order mark; invalid input is an error.
    public static func utf8(_ bytes: [UInt8], encoding: TextEncoding) throws(TextDecodingError) -> [UInt8] {
        switch encoding {
        case .utf8:
            let body = hasUTF8BOM(bytes) ? Array(bytes[3...]) : bytes
            if let bad = firstInvalidUTF8(body) { throw TextDecodingError("invalid UTF-8", offset: bad) }
            return body
        case .gb18030:
            // GB18030 maps U+FEFF to 84 31 95 33; drop it like a UTF-8 BOM.
            let bom: [UInt8] = [0x84, 0x31, 0x95, 0x33]
            let body = bytes.starts(with: bom) ? Array(bytes[4...]) : bytes
            return try convert(body, from: "GB18030", to: "UTF-8")
        }
    }

    /// Converts between two encodings known to iconv; an invalid or incomplete sequence is an error.
    public static func convert(_ bytes: [UInt8], from: String, to: String) throws(TextDecodingError) -> [UInt8] {
        if bytes.isEmpty { return [] }
        let cd = iconv_open(to, from)
        if cd == iconv_t(bitPattern: -1) {
            throw TextDecodingError("iconv cannot convert \(from) to \(to)")
        }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var produced = 0
        var consumed = 0
        var failure: TextDecodingError?
        input.withUnsafeMutableBufferPointer { inBuffer in
            while consumed < bytes.count {
                var inLeft = bytes.count - consumed
                var outLeft = output.count - produced
                let outcome: Int = output.withUnsafeMutableBufferPointer { outBuffer in
                    guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return 0 }
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase + consumed)
                        .assumingMemoryBound(to: CChar.self)
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase + produced)
                        .assumingMemoryBound(to: CChar.self)
                    return iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                }
                consumed = bytes.count - inLeft
                produced = output.count - outLeft
                if outcome != -1 { break }
                switch errno {
                case E2BIG: output.append(contentsOf: repeatElement(0, count: output.count))
                case EILSEQ:
                    failure = TextDecodingError("invalid \(from) sequence", offset: consumed)
                    return
                case EINVAL:
                    failure = TextDecodingError("incomplete \(from) sequence at the end", offset: consumed)
                    return
                default:
                    failure = TextDecodingError("iconv failed (errno \(errno))", offset: consumed)
                    return
                }
            }
        }
        if let failure { throw failure }
        output.removeSubrange(produced...)
        return output
    }

    static func hasUTF8BOM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence; nil when all is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        // ASCII is the bulk of bureau data: skip it fast, decode the rest properly.
        var i = 0
        let n = bytes.count
        while i < n {
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            var iterator = bytes[i...].makeIterator()
            var decoder = UTF8()
            var consumedHere = 0
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): consumedHere = UTF8.width(scalar)
            case .emptyInput, .error: return i
            }
            i += consumedHere
        }
        return nil
    }
}
