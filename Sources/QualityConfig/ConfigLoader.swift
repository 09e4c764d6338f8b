import Foundation
import QualityCore

/// A config read from `config.yaml`, decoded, validated and compiled.
public struct LoadedConfig: Sendable {
    /// The file it came from, as given to the loader.
    public var path: String
    public var config: Config
    /// Every policy version compiled; `model(for:)` picks the one in force for a period.
    public var policies: PolicyBook
    /// Lower-case hex SHA-256 of the file's bytes as written, before `${…}` substitution, so no secret enters it.
    public var sha256: String
    /// The same leaving out the `policy_versions` section: the `config_sha256` of results, which
    /// adding a later version does not change (docs/CONFIG.md, "policy_versions").
    public var resultSHA256: String
    /// Problems that do not stop loading (severity `.warning`), e.g. a fact no source provides.
    public var warnings: [ConfigIssue]

    public init(
        path: String, config: Config, policies: PolicyBook, sha256: String, resultSHA256: String? = nil,
        warnings: [ConfigIssue]
    ) {
        self.path = path
        self.config = config
        self.policies = policies
        self.sha256 = sha256
        self.resultSHA256 = resultSHA256 ?? sha256
        self.warnings = warnings
    }

    /// The first policy version (the top-level sections), for what has no period: the reports.
    /// Whatever scores, exports, draws or explains a period asks `model(for:)` instead.
    public var model: AssessmentModel { policies.base }

    /// The compiled policy in force for `period`: the one place that decides which version
    /// scores, exports, draws or explains a period.
    public func model(for period: Period) throws(PolicyError) -> AssessmentModel { try policies.model(for: period) }

    /// The same for a period written as text.
    public func model(for period: String) throws(PolicyError) -> AssessmentModel { try policies.model(for: period) }

    /// Scores `snapshot` under the policy in force for its period, naming this config in the result.
    public func assess(
        _ snapshot: Snapshot, snapshotSHA256: String? = nil, sources: [SourceStatus]? = nil
    ) throws(PolicyError) -> AssessmentResult {
        try model(for: snapshot.period).assess(
            snapshot, configSHA256: resultSHA256, snapshotSHA256: snapshotSHA256, sources: sources)
    }

    /// The same, with approved corrections set on top of the snapshot (docs/SEMANTICS.md §14); also
    /// returns the corrected facts the result was scored on.
    public func assess(
        _ snapshot: Snapshot, corrections: [FactCorrection], snapshotSHA256: String? = nil,
        sources: [SourceStatus]? = nil
    ) throws(PolicyError) -> (result: AssessmentResult, corrected: Snapshot) {
        try model(for: snapshot.period).assess(
            snapshot, corrections: corrections, configSHA256: resultSHA256, snapshotSHA256: snapshotSHA256,
            sources: sources)
    }
}

/// Loads `config.yaml` (docs/SEMANTICS.md §3): YAML → `Config`, every validation rule, expressions compiled.
///
/// Every error is reported at once, each with file, line, column and dotted key; `ConfigErrors`
/// lists them in file order. Environment variables come from the caller, never from the process.
public enum ConfigLoader {
    /// Reads and loads the file at `path`; a missing or unreadable file is one issue naming it.
    public static func load(path: String, environment: [String: String]) throws(ConfigErrors) -> LoadedConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason =
                !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : error.localizedDescription
            throw ConfigErrors([
                ConfigIssue(location: nil, key: "", message: "cannot read config file \(path): \(reason)")
            ])
        }
        return try load(bytes: [UInt8](data), file: path, environment: environment)
    }

    /// Loads a config from its bytes; `file` names it in locations.
    public static func load(bytes: [UInt8], file: String, environment: [String: String]) throws(ConfigErrors)
        -> LoadedConfig
    {
        let sha256 = SHA256.hex(bytes)
        let text = try decodeText(bytes, file: file)
        let document: YAMLDocument
        switch YAMLDocument.compose(text, file: file) {
        case .success(let d): document = d
        case .failure(let issue): throw ConfigErrors([issue])
        }
        let decoder = ConfigDecoder(file: file, environment: environment, document: document)
        let config = decoder.decodeConfig(document.root)
        ConfigValidator(config: config, decoder: decoder).validate()
        var issues = decoder.issues
        var policies: PolicyBook?
        do {
            policies = try PolicyBook(config: config)
        } catch {
            issues += error.issues
        }
        var seen = Set<ConfigIssue>()
        issues = issues.filter { seen.insert($0).inserted }
        let errors = issues.filter { $0.severity == .error }
        guard errors.isEmpty, let policies else { throw ConfigErrors(inFileOrder(errors)) }
        return LoadedConfig(
            path: file, config: config, policies: policies, sha256: sha256,
            resultSHA256: SHA256.hex(PolicySectionCut.bytes(bytes, root: document.root)),
            warnings: inFileOrder(issues.filter { $0.severity == .warning }))
    }

    /// UTF-8 text without a leading byte order mark; invalid UTF-8 is one issue at the first bad byte.
    static func decodeText(_ bytes: [UInt8], file: String) throws(ConfigErrors) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return text }
        var offset = body.startIndex
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = body.makeIterator()
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error, .emptyInput: break loop
            }
        }
        let prefix = String(decoding: body[..<offset], as: UTF8.self).unicodeScalars
        let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let lineStart = prefix.lastIndex(of: "\n").map { prefix.index(after: $0) } ?? prefix.startIndex
        let column = prefix.distance(from: lineStart, to: prefix.endIndex) + 1
        let byte = offset < body.endIndex ? body[offset] : 0
        let hex = String(byte, radix: 16, uppercase: true)
        throw ConfigErrors([
            ConfigIssue(
                location: SourceLocation(file: file, line: line, column: column), key: "",
                message: "invalid UTF-8 (byte 0x\(hex.count < 2 ? "0" + hex : hex)); save the file as UTF-8")
        ])
    }

    /// Issues sorted by line and column; those without a place first; otherwise in the order found.
    static func inFileOrder(_ issues: [ConfigIssue]) -> [ConfigIssue] {
        issues.enumerated().sorted { a, b in
            let la = a.element.location.map { ($0.line, $0.column) } ?? (0, 0)
            let lb = b.element.location.map { ($0.line, $0.column) } ?? (0, 0)
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }
}
