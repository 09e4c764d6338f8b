/// HTML escaping for data that came from outside (config, bureaus, requests).
package enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references: safe as element text and as a
    /// quoted attribute value.
    package static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        escape(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text`, escaped, to `bytes`; a run without special characters is copied in one step.
    static func escape(_ text: String, into bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let entity: StaticString
                switch utf8[i] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                if start < i { bytes.append(contentsOf: utf8[start..<i]) }
                entity.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = i + 1
            }
            if start < utf8.count { bytes.append(contentsOf: utf8[start...]) }
        }
    }
}

/// Builds an HTML document into a byte buffer, so that pages of 100,000 rows grow in amortized
/// linear time. Text and attribute values are escaped; only `raw` writes markup as given, and it is
/// only ever called with literals of the page code.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(reserve: Int = 16_384) {
        bytes.reserveCapacity(reserve)
    }

    /// Markup from the page code itself; never data.
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Text content, escaped.
    mutating func text(_ text: String) {
        HTML.escape(text, into: &bytes)
    }

    /// `<tag a="v" …>`; attributes whose value is nil are left out.
    mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        bytes.append(UInt8(ascii: "<"))
        raw(tag)
        for (name, value) in attributes {
            guard let value else { continue }
            bytes.append(UInt8(ascii: " "))
            raw(name)
            bytes.append(contentsOf: "=\"".utf8)
            HTML.escape(value, into: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
    }

    mutating func close(_ tag: String) {
        bytes.append(contentsOf: "</".utf8)
        raw(tag)
        bytes.append(UInt8(ascii: ">"))
    }

    /// `<tag …>text</tag>` with the text escaped.
    mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// `<tag …>` then whatever `body` writes, then `</tag>`.
    mutating func element(
        _ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], _ body: (inout HTMLWriter) -> Void
    ) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    /// `<a href="…">text</a>`.
    mutating func link(_ href: String, _ text: String, class cls: String? = nil) {
        element("a", ["href": href, "class": cls], text: text)
    }

    /// A header cell: `<th scope="col|row">`.
    mutating func th(_ text: String, scope: String = "col", class cls: String? = nil) {
        element("th", ["scope": scope, "class": cls], text: text)
    }

    /// A data cell with the displayed text.
    mutating func td(_ text: String, class cls: String? = nil, value: String? = nil, title: String? = nil) {
        element("td", ["class": cls, "data-value": value, "title": title], text: text)
    }

    /// A header row of column headers.
    mutating func headerRow(_ titles: [String]) {
        raw("<thead><tr>")
        for title in titles { th(title) }
        raw("</tr></thead>")
    }
}
