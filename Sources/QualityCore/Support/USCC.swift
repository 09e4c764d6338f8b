/// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
/// 31-character alphabet (no I, O, S, V, Z), the last a check character over the first 17.
public enum USCC {
    private static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    /// W_i = 3^(i−1) mod 31 (GB 32100-2015, 5.2).
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    /// True when `code` is 18 characters of the alphabet with the right check character.
    /// Expects upper case: ingestion trims and upper-cases before checking.
    public static func isValid(_ code: String) -> Bool {
        // Once per enterprise at scoring: the tables are fetched once, the bytes read in place.
        let values = Self.values
        let weights = Self.weights
        var code = code
        return code.withUTF8 { bytes in
            guard bytes.count == 18 else { return false }
            var sum = 0
            for k in 0..<17 {
                let b = bytes[k]
                guard b < 128 else { return false }
                let v = Int(values[Int(b)])
                guard v >= 0 else { return false }
                sum += v * weights[k]
            }
            let b = bytes[17]
            guard b < 128, values[Int(b)] >= 0 else { return false }
            return Int(values[Int(b)]) == checkValue(sum)
        }
    }

    /// The check character for the first 17 characters of a code; nil when they are not 17 of the alphabet.
    public static func checkCharacter(for first17: String) -> Character? {
        var sum = 0
        var count = 0
        for b in first17.utf8 {
            guard b < 128, count < 17 else { return nil }
            let v = Int(values[Int(b)])
            guard v >= 0 else { return nil }
            sum += v * weights[count]
            count += 1
        }
        guard count == 17 else { return nil }
        return Character(Unicode.Scalar(alphabet[checkValue(sum)]))
    }

    private static func checkValue(_ sum: Int) -> Int {
        let c = 31 - sum % 31
        return c == 31 ? 0 : c
    }

    /// Trims spaces and upper-cases, as ingestion does before checking.
    public static func normalize(_ raw: String) -> String {
        raw.trimmingSpaces().uppercasedASCII()
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks (including the full-width space).
    public func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{3000}" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) }) ?? first
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }

    /// ASCII letters upper-cased; everything else kept.
    public func uppercasedASCII() -> String {
        guard utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return self }
        return String(decoding: utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 32 : $0 }, as: UTF8.self)
    }
}
