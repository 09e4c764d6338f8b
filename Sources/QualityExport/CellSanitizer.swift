/// Neutralizes text cells that a spreadsheet would run as a formula (CSV or formula injection).
///
/// Enterprise names and policy articles come from bureau data, so a name such as
/// `=HYPERLINK("http://…")` must reach finance staff as text. Following the OWASP guidance on CSV
/// injection, a cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a single
/// quote in front; spreadsheets then show it as text. Amounts are written as numbers and never
/// pass through here.
public enum CellSanitizer {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text`, with `'` in front when it starts with a formula trigger.
    public static func neutralize(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, triggers.contains(first) else { return text }
        return "'" + text
    }

    /// Whether `text` would be changed by `neutralize`.
    public static func needsNeutralizing(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return triggers.contains(first)
    }
}
