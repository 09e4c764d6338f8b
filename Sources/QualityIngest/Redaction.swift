import Foundation

/// URLs as they may be shown: a password in a URL's user part (`sftp://user:secret@host/…`)
/// never reaches a log line, an error message or the API.
public enum Redaction {
    /// `url` with the password of its user part replaced by `***`.
    public static func url(_ url: String) -> String {
        guard let range = passwordRange(url) else { return url }
        return url.replacingCharacters(in: range, with: "***")
    }

    /// `text` with every password of `urls` replaced by `***` (for messages a client library wrote).
    public static func scrub(_ text: String, passwordsOf urls: [String]) -> String {
        var text = text
        for url in urls {
            guard let range = passwordRange(url) else { continue }
            let password = String(url[range])
            guard !password.isEmpty else { continue }
            text = text.replacing(password, with: "***")
        }
        return text
    }

    /// Where the password is: after the first `:` of the user part, which ends at the last `@`
    /// before the path.
    static func passwordRange(_ url: String) -> Range<String.Index>? {
        guard let separator = url.range(of: "://") else { return nil }
        let rest = url[separator.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return nil
        }
        let start = url.index(after: colon)
        return start < at ? start..<at : nil
    }
}
