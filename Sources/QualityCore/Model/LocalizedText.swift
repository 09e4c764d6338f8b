/// A name shown to people: Chinese first, English beside it.
///
/// Written in config as `{ zh: 鄞州区, en: Yinzhou }` or as a plain string, which then serves both languages.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String?

    public init(zh: String, en: String? = nil) {
        self.zh = zh
        self.en = en
    }

    /// The text in `lang` ("zh" or "en"), falling back to Chinese when no English is given.
    public func text(_ lang: Language) -> String {
        switch lang {
        case .zh: zh
        case .en: en ?? zh
        }
    }
}

/// The two languages of every page, export and label.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh
    case en
}
