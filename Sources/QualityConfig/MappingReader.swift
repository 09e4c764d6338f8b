import QualityCore
import Yams

/// One YAML mapping being decoded: checks its keys once (unknown, duplicate), then hands out
/// values by key with their dotted paths.
///
/// A node that is not a mapping is reported once; the reader then acts as an empty mapping that
/// reports nothing more, so one mistake does not cascade into "missing key" noise.
struct MappingReader {
    let decoder: ConfigDecoder
    let path: String
    let location: SourceLocation
    /// False when the node was not a mapping.
    let isValid: Bool
    /// Keys in file order with their key and value nodes; a repeated key keeps its first value.
    private(set) var entries: [(key: String, keyNode: Node, value: Node)] = []

    init(decoder: ConfigDecoder, node: Node, path: String, known: [String]?) {
        self.decoder = decoder
        self.path = path
        self.location = decoder.location(node)
        guard case .mapping(let mapping) = node else {
            isValid = false
            decoder.fail(path, node, "expected a mapping (found \(ConfigDecoder.describe(node)))")
            return
        }
        isValid = true
        decoder.record(path, node)
        var seen: [String: SourceLocation] = [:]
        // Occurrences renamed by YAMLDocument come first in the file; Yams keeps pairs in file order.
        for (keyNode, value) in mapping {
            let key = decoder.renamedKey(at: keyNode) ?? keyNode.scalar?.string ?? ConfigDecoder.describe(keyNode)
            let keyPath = ConfigDecoder.child(path, key)
            let keyLocation = decoder.location(keyNode)
            if let first = seen[key] {
                decoder.error(keyPath, at: keyLocation, "duplicate key '\(key)' (first at line \(first.line))")
                continue
            }
            seen[key] = keyLocation
            if let known, !known.contains(key) {
                decoder.markFailed(keyPath)
                decoder.error(
                    keyPath, at: keyLocation, "unknown key '\(key)'" + DidYouMean.hint(for: key, among: known))
                continue
            }
            decoder.keyLocations[keyPath] = keyLocation
            entries.append((key, keyNode, value))
        }
    }

    /// The dotted path of `key` in this mapping.
    func childPath(_ key: String) -> String { ConfigDecoder.child(path, key) }

    /// The value of `key`; nil when absent or null.
    func node(_ key: String) -> Node? {
        guard let entry = entries.first(where: { $0.key == key }), !ConfigDecoder.isNull(entry.value) else {
            return nil
        }
        return entry.value
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    /// Decodes `key` when given; nil when absent, null or not decodable (reported).
    func optional<T>(_ key: String, _ decode: (Node, String) -> T?) -> T? {
        guard let value = node(key) else { return nil }
        return decode(value, childPath(key))
    }

    /// Decodes `key`, reporting it as missing when absent or null.
    func required<T>(_ key: String, _ decode: (Node, String) -> T?) -> T? {
        guard let value = node(key) else {
            let keyPath = childPath(key)
            decoder.markFailed(keyPath)
            if isValid {
                let null = entries.contains { $0.key == key }
                decoder.error(
                    keyPath, at: null ? decoder.keyLocations[keyPath] : location,
                    null ? "'\(key)' needs a value" : "missing required key '\(key)'")
            }
            return nil
        }
        return decode(value, childPath(key))
    }
}

extension MappingReader {
    /// `id` (required) and `name`, in both languages and the id when absent: how every listed item
    /// (indicator, dimension, rule, program, …) begins.
    func idAndName() -> (id: String, name: LocalizedText) {
        let id = required("id", decoder.string) ?? ""
        return (id, optional("name", decoder.localized) ?? LocalizedText(zh: id))
    }
}
