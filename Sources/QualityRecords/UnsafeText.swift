import QualityCore

/// Characters bureau text may not carry: they reach spreadsheets, pages and notices as they are.
///
/// - C0 controls other than tab, line feed and carriage return, DEL, and C1 controls: a NUL cuts
///   an XLSX cell short, ESC starts a terminal escape sequence in a log or a CSV opened in a shell.
/// - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a
///   name display reversed or out of place (`<bdi>` in pages contains them, exports cannot).
///
/// A record holding one in any text it brings is rejected (`control_character`), not cleaned: a
/// name changed silently would appear on a payment list as no bureau sent it.
public enum UnsafeText {
    public static func contains(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ scan($0) }) { return found }
        return scan(Array(text.utf8))
    }

    /// Whether the value's text (a string, or any member of a set) holds an unsafe character.
    public static func contains(_ value: Value) -> Bool {
        switch value {
        case .string(let s): return contains(s)
        case .set(let set): return set.elements.contains { contains($0) }
        default: return false
        }
    }

    private static func scan(_ bytes: some RandomAccessCollection<UInt8>) -> Bool {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i != end {
            let b = bytes[i]
            if b < 0x20 {
                if b != 0x09 && b != 0x0A && b != 0x0D { return true }
            } else if b == 0x7F {
                return true
            } else if b == 0xC2 || b == 0xE2 {
                let j = bytes.index(after: i)
                guard j != end else { return false }
                let b1 = bytes[j]
                if b == 0xC2 {
                    if b1 >= 0x80 && b1 <= 0x9F { return true }  // U+0080–U+009F
                } else {
                    let k = bytes.index(after: j)
                    guard k != end else { return false }
                    let b2 = bytes[k]
                    if b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE { return true }  // U+202A–U+202E
                    if b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9 { return true }  // U+2066–U+2069
                }
            }
            i = bytes.index(after: i)
        }
        return false
    }
}
