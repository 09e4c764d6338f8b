import Yams

/// The config bytes without their `policy_versions` section, which `config_sha256` of results is
/// taken over, so that adding a version leaves every earlier result byte for byte the same
/// (docs/CONFIG.md, "policy_versions").
///
/// Left out are the lines from the key to the last line of the section that is neither blank nor
/// a comment in the first column, the comment lines directly above the key and the blank lines
/// above those.
enum PolicySectionCut {
    static func bytes(_ bytes: [UInt8], root: Node?) -> [UInt8] {
        guard case .mapping(let mapping)? = root else { return bytes }
        let keys = mapping.map { $0.key }
        guard let at = keys.firstIndex(where: { $0.scalar?.string == "policy_versions" }),
            let keyLine = keys[at].mark?.line
        else { return bytes }
        var lines = split(bytes)
        let nextKeyLine = keys.dropFirst(at + 1).compactMap { $0.mark?.line }.first { $0 > keyLine }
        // 0-based indices: the key's line and the first line of the next top-level key.
        let start = keyLine - 1
        let end = min((nextKeyLine ?? lines.count + 1) - 1, lines.count)
        guard start < end, start < lines.count else { return bytes }
        var last = start
        for i in start..<end where !isBlankOrTopComment(lines[i]) { last = i }
        // The comments written directly above the key, then the blank lines above them.
        var first = start
        while first > 0, isComment(lines[first - 1]) { first -= 1 }
        while first > 0, content(lines[first - 1]).isEmpty { first -= 1 }
        lines.removeSubrange(first...last)
        return Array(lines.joined())
    }

    /// Lines with their terminating newline (the last one may have none).
    private static func split(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            out.append(bytes[start...i])
            start = i + 1
        }
        if start < bytes.count { out.append(bytes[start...]) }
        return out
    }

    private static func content(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.drop { $0 == 0x20 || $0 == 0x09 }.prefix { $0 != 0x0A && $0 != 0x0D }
    }

    private static func isComment(_ line: ArraySlice<UInt8>) -> Bool { content(line).first == UInt8(ascii: "#") }

    private static func isBlankOrTopComment(_ line: ArraySlice<UInt8>) -> Bool {
        content(line).isEmpty || line.first == UInt8(ascii: "#")
    }
}
