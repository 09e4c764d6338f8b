/// Terminal display width: East Asian wide and full-width characters take two columns, so a
/// table of Chinese district names lines up.
public enum TextWidth {
    public static func of(_ s: String) -> Int {
        var width = 0
        for scalar in s.unicodeScalars { width += of(scalar) }
        return width
    }

    static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 { return 0 }
        if v < 0x300 { return 1 }
        // Combining marks and zero-width characters take no column.
        if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }

    /// `s` padded with spaces to `width` columns, on the right (left-aligned) or on the left.
    public static func pad(_ s: String, to width: Int, alignRight: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(s)))
        return alignRight ? fill + s : s + fill
    }
}
