import QualityCore

extension ConfigValidator {
    /// Facts every enterprise has from the registry, whatever the sources call them.
    static let reservedEnterpriseFacts: Set<String> = ["name", "district", "industry"]
    static let payoutFields = ["program", "year", "granted_fen"]

    func validateSources() {
        unique(config.sources, "sources", "id", \.id)
        // Enterprise and district facts are separate namespaces; payouts are a union of records.
        var providers: [EntityKind: [String: String]] = [:]
        for (i, source) in config.sources.enumerated() {
            let path = "sources[\(i)]"
            guard ok(path) else { continue }
            validateFetching(source, path)
            if source.entity == .payout {
                validatePayoutFields(source, path)
            } else {
                for field in source.fields {
                    let fieldPath = "\(path).fields.\(field.fact)"
                    if let other = providers[source.entity]?[field.fact] {
                        errorAtKey(fieldPath, "fact '\(field.fact)' is already provided by source '\(other)'")
                    } else {
                        providers[source.entity, default: [:]][field.fact] = source.id
                    }
                }
            }
            for field in source.fields {
                if let lo = field.min, let hi = field.max, lo > hi {
                    error("\(path).fields.\(field.fact).max", "max must not be less than min")
                }
                if field.path.isEmpty { errorAtKey("\(path).fields.\(field.fact)", "path must not be empty") }
            }
            validateChecks(source, path)
        }
    }

    private func validateFetching(_ source: SourceConfig, _ path: String) {
        validateTransport(source, path)
        if ok("\(path).key"), source.key.isEmpty { error("\(path).key", "key must not be empty") }
        if let idField = source.idField, idField.isEmpty { error("\(path).id_field", "id_field must not be empty") }
        if source.format != .json, given("\(path).records") {
            error("\(path).records", "records applies only to format: json")
        }
        if source.format != .csv, given("\(path).encoding") {
            error("\(path).encoding", "encoding applies only to format: csv")
        }
        if source.retries < 0 { error("\(path).retries", "retries must not be negative (found \(source.retries))") }
        if source.timeout <= 0 { error("\(path).timeout", "timeout must be greater than 0") }
        if source.interval <= 0 { error("\(path).interval", "interval must be greater than 0") }
        if source.maxBytes <= 0 { error("\(path).max_bytes", "max_bytes must be greater than 0") }
        if let p = source.pagination {
            if p.size < 1 { error("\(path).pagination.size", "size must be at least 1 (found \(p.size))") }
            if p.pageParam.isEmpty { error("\(path).pagination.page_param", "page_param must not be empty") }
            if p.sizeParam.isEmpty { error("\(path).pagination.size_param", "size_param must not be empty") }
        }
    }

    private func validatePayoutFields(_ source: SourceConfig, _ path: String) {
        guard ok("\(path).fields") else { return }
        for field in source.fields where !Self.payoutFields.contains(field.fact) {
            errorAtKey(
                "\(path).fields.\(field.fact)",
                "a payout source provides only program, year and granted_fen"
                    + DidYouMean.hint(for: field.fact, among: Self.payoutFields))
        }
        let missing = Self.payoutFields.filter { name in !source.fields.contains { $0.fact == name } }
        if !missing.isEmpty {
            error("\(path).fields", "a payout source needs the fields \(missing.joined(separator: ", "))")
        }
    }

    /// Checks read the source's own converted fields, one record at a time.
    private func validateChecks(_ source: SourceConfig, _ path: String) {
        let fieldNames = source.fields.map(\.fact)
        for (j, check) in source.checks.enumerated() {
            let checkPath = "\(path).checks[\(j)]"
            guard ok(checkPath) else { continue }
            do {
                let expression = try Expression(check, scope: .record)
                var reported: Set<String> = []
                for id in expression.syntax.identifiers() where !fieldNames.contains(id.name) {
                    guard reported.insert(id.name).inserted else { continue }
                    decoder.error(
                        checkPath, at: check.location(ofColumn: id.column),
                        "'\(id.name)' is not a field of this source" + DidYouMean.hint(for: id.name, among: fieldNames))
                }
            } catch {
                decoder.error(checkPath, at: check.location(ofColumn: error.column), error.message)
            }
        }
    }

    func validateService() {
        if given("server.listen"), config.server.hostAndPort == nil {
            error("server.listen", "expected host:port such as 127.0.0.1:9470 (found '\(config.server.listen)')")
        }
        let storage = config.storage
        if given("storage.sqlite"), given("storage.postgres") {
            error("storage.postgres", "give either sqlite or postgres, not both")
        }
        if let sqlite = storage.sqlite, sqlite.isEmpty, given("storage.sqlite") {
            error("storage.sqlite", "sqlite must name a file")
        }
        if let postgres = storage.postgres {
            let key = given("storage.postgres.url") ? "storage.postgres.url" : "storage.postgres"
            if !(postgres.url.hasPrefix("postgres://") || postgres.url.hasPrefix("postgresql://")) {
                error(key, "expected a postgres:// URL")
            }
            if given("storage.postgres.pool"), !(1...1000).contains(postgres.pool) {
                error("storage.postgres.pool", "expected 1 to 1000 connections (found \(postgres.pool))")
            }
        }
        unique(config.auth.tokens, "auth.tokens", "name", \.name)
        for (i, token) in config.auth.tokens.enumerated() where ok("auth.tokens[\(i)].sha256") {
            let hex = token.sha256.unicodeScalars
            if hex.count != 64 || !hex.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) }) {
                error(
                    "auth.tokens[\(i)].sha256",
                    "expected 64 lowercase hexadecimal digits (the SHA-256 of the token)")
            }
        }
    }
}
