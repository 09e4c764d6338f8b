import QualityCore

/// What a subsidy list prints besides its result: the districts' and programs' names in both
/// languages, each program's policy basis (政策依据), and the allocation (the words of budget notes).
///
/// Taken from the config when a list is published and frozen with it (`json()`), so that a confirmed
/// list exports byte for byte as confirmed even after a program is renamed or its basis changes.
public struct ListNames: Sendable, Equatable {
    /// A district (`id` is its code, `basis` empty) or a program.
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var name: LocalizedText
        public var basis: String

        public init(id: String, name: LocalizedText, basis: String = "") {
            self.id = id
            self.name = name
            self.basis = basis
        }
    }

    public var districts: [Entry]
    public var programs: [Entry]
    public var allocation: Allocation

    public init(districts: [Entry], programs: [Entry], allocation: Allocation) {
        self.districts = districts
        self.programs = programs
        self.allocation = allocation
    }

    /// The names of `config`, in config order.
    public init(config: Config) {
        self.init(
            districts: config.districts.map { Entry(id: $0.code, name: $0.name) },
            programs: config.subsidies.programs.map { Entry(id: $0.id, name: $0.name, basis: $0.basis) },
            allocation: config.subsidies.allocation)
    }

    /// The frozen form: compact JSON, keys in a fixed order, so equal names give equal bytes.
    public func json() -> [UInt8] {
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.key("version")
        w.integer(1)
        w.key("allocation")
        w.string(allocation.rawValue)
        for (key, entries) in [("districts", districts), ("programs", programs)] {
            w.key(key)
            w.beginArray()
            for entry in entries {
                w.beginObject()
                for (field, value) in [
                    ("id", entry.id), ("zh", entry.name.zh), ("en", entry.name.en), ("basis", entry.basis),
                ] {
                    w.key(field)
                    w.string(value)
                }
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return w.bytes
    }

    /// Reads what `json()` wrote; the error names the key that is wrong.
    public static func parse(json bytes: [UInt8]) throws(ExportError) -> ListNames {
        let file = "frozen list labels"
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw ExportError(file: file, message: error.description)
        }
        guard root.value(atPath: "version")?.numberValue == 1 else {
            throw ExportError(file: file, message: "version: expected 1")
        }
        guard let text = root.value(atPath: "allocation")?.stringValue, let allocation = Allocation(rawValue: text)
        else {
            throw ExportError(file: file, message: "allocation: expected pro_rata or priority")
        }
        return ListNames(
            districts: try entries(root, "districts", file: file), programs: try entries(root, "programs", file: file),
            allocation: allocation)
    }

    private static func entries(_ root: JSONValue, _ key: String, file: String) throws(ExportError) -> [Entry] {
        guard let items = root.value(atPath: key)?.arrayValue else {
            throw ExportError(file: file, message: "\(key): expected an array")
        }
        var entries: [Entry] = []
        for (i, item) in items.enumerated() {
            guard let id = item.value(atPath: "id")?.stringValue, let zh = item.value(atPath: "zh")?.stringValue else {
                throw ExportError(file: file, message: "\(key)[\(i)]: expected id and zh")
            }
            entries.append(
                Entry(
                    id: id, name: LocalizedText(zh: zh, en: item.value(atPath: "en")?.stringValue),
                    basis: item.value(atPath: "basis")?.stringValue ?? ""))
        }
        return entries
    }

    /// The first entry with `id`, as config lookups do.
    static func lookup(_ entries: [Entry]) -> [String: Entry] {
        Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
