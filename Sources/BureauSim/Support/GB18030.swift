import Glibc

/// UTF-8 ↔ GB18030 through glibc's iconv, as Chinese government systems still send CSV in GB18030.
public enum GB18030 {
    /// `utf8` converted to GB18030. GB18030 covers all of Unicode, so this cannot lose text; should
    /// iconv be unavailable the bytes are returned unchanged.
    public static func encode(_ utf8: [UInt8]) -> [UInt8] {
        convert(utf8, from: "UTF-8", to: "GB18030") ?? utf8
    }

    /// GB18030 bytes decoded to a string; nil when they are not valid GB18030.
    public static func decode(_ bytes: [UInt8]) -> String? {
        convert(bytes, from: "GB18030", to: "UTF-8").map { String(decoding: $0, as: UTF8.self) }
    }

    private static func convert(_ input: [UInt8], from: String, to: String) -> [UInt8]? {
        guard !input.isEmpty else { return [] }
        let cd = iconv_open(to, from)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var source = input
        // GB18030 needs at most 4 bytes per character and UTF-8 at most 4; 2× + 16 leaves room for
        // both directions (a 3-byte UTF-8 CJK character becomes 2 bytes, a 2-byte one 3 bytes).
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced: Int? = source.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                guard let srcBase = src.baseAddress, let dstBase = dst.baseAddress else { return nil }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(srcBase)
                    .assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dstBase)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = src.count
                var outLeft = dst.count
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 || inLeft == 0, inLeft == 0 else {
                    return nil
                }
                // Flush any shift state (none for these encodings, but iconv asks for it).
                _ = iconv(cd, nil, nil, &outPtr, &outLeft)
                return dst.count - outLeft
            }
        }
        guard let produced else { return nil }
        return Array(output.prefix(produced))
    }
}
