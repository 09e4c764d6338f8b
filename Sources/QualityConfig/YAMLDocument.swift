import QualityCore
import Yams

/// A 1-based line and column in the config text, counted in Unicode scalars as libyaml does.
struct TextPosition: Hashable {
    var line: Int
    var column: Int
}

/// The YAML text composed to a `Yams.Node` tree, with what it took to get there.
///
/// Yams stops at the first mapping with a repeated key. To report every duplicate at once, the
/// earlier occurrence is renamed in place (same length, so no position moves) and the text is
/// composed again; the decoder then reports each renamed key as a duplicate.
struct YAMLDocument {
    /// The root node; nil for an empty document.
    var root: Node?
    /// The text that was composed, split into lines (for block scalar positions).
    var lines: [[Unicode.Scalar]]
    /// Renamed earlier occurrences of repeated keys: where they are and their real name.
    var renamedKeys: [TextPosition: String]

    /// The first character renames use; each rename takes the next one so renamed keys stay distinct.
    private static let sentinelBase: UInt32 = 0xE000

    /// Composes `text`, or returns the one issue that makes it unreadable.
    static func compose(_ text: String, file: String) -> Result<YAMLDocument, ConfigIssue> {
        var scalars = Array(text.unicodeScalars)
        var renamed: [TextPosition: String] = [:]
        // Each pass gets past one repeated key; a config has far fewer than this.
        for _ in 0..<1000 {
            let current = String(String.UnicodeScalarView(scalars))
            do {
                let root = try Yams.compose(yaml: current, .default, .default, .utf8)
                return .success(YAMLDocument(root: root, lines: splitLines(scalars), renamedKeys: renamed))
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                let position = TextPosition(line: context.mark.line, column: context.mark.column)
                let name = duplicates.first ?? ""
                let sentinel = Unicode.Scalar(sentinelBase + UInt32(renamed.count % 6000))
                guard let sentinel, renamed[position] == nil,
                    rename(&scalars, at: position, key: name, to: sentinel)
                else {
                    let location = SourceLocation(file: file, line: position.line, column: position.column)
                    return .failure(ConfigIssue(location: location, key: name, message: "duplicate key '\(name)'"))
                }
                renamed[position] = name
            } catch let error as YamlError {
                return .failure(issue(for: error, text: current, file: file))
            } catch {
                return .failure(ConfigIssue(location: nil, key: "", message: "cannot read YAML: \(error)"))
            }
        }
        return .failure(ConfigIssue(location: nil, key: "", message: "too many duplicate keys"))
    }

    /// Replaces the first character of the key written at `position` (plain or quoted).
    private static func rename(
        _ scalars: inout [Unicode.Scalar], at position: TextPosition, key: String, to sentinel: Unicode.Scalar
    ) -> Bool {
        let keyScalars = Array(key.unicodeScalars)
        guard !keyScalars.isEmpty else { return false }
        var line = 1
        var start = 0
        while line < position.line {
            guard let newline = scalars[start...].firstIndex(of: "\n") else { return false }
            start = newline + 1
            line += 1
        }
        var at = start + position.column - 1
        if at < scalars.count, scalars[at] == "\"" || scalars[at] == "'" { at += 1 }
        guard at + keyScalars.count <= scalars.count, Array(scalars[at..<(at + keyScalars.count)]) == keyScalars
        else { return false }
        scalars[at] = sentinel
        return true
    }

    private static func splitLines(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        scalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    }

    /// One issue at the place libyaml gave up, in its words.
    private static func issue(for error: YamlError, text: String, file: String) -> ConfigIssue {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func message(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return "invalid YAML: \(problem)" }
            return
                "invalid YAML: \(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return ConfigIssue(location: at(mark), key: "", message: message(problem, context))
        case .reader(let problem, let offset, _, _):
            let location = offset.map { characterOffset -> SourceLocation in
                let prefix = text.prefix(characterOffset).unicodeScalars
                let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let column =
                    prefix.count
                    - (prefix.lastIndex(of: "\n").map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
                return SourceLocation(file: file, line: line, column: column)
            }
            return ConfigIssue(location: location, key: "", message: "invalid YAML: \(problem)")
        default:
            return ConfigIssue(location: nil, key: "", message: "invalid YAML: \(error)")
        }
    }
}
