import QualityCore
import Yams

extension ConfigDecoder {
    static let sourceKeys = [
        "id", "name", "url", "format", "records", "encoding", "entity", "key", "id_field", "fields", "checks",
        "headers",
        "pagination", "interval", "timeout", "retries", "max_bytes",
        "transport", "proxy", "ca_file", "client_cert", "client_key", "known_hosts",
    ]

    func source(_ node: Node, _ path: String) -> SourceConfig {
        let m = mapping(node, path, known: Self.sourceKeys)
        let (id, name) = m.idAndName()
        var s = SourceConfig(
            id: id, name: name,
            url: m.required("url", string) ?? "",
            key: m.required("key", string) ?? ""
        )
        s.location = m.location
        if let v: SourceFormat = m.optional("format", choice) { s.format = v }
        s.records = m.optional("records", string)
        if let v: TextEncoding = m.optional("encoding", choice) { s.encoding = v }
        if let v: EntityKind = m.optional("entity", choice) { s.entity = v }
        s.idField = m.optional("id_field", string)
        s.fields = m.optional("fields", fields) ?? []
        s.checks = m.optional("checks") { items($0, $1) { expression($0, $1) ?? placeholderExpression } } ?? []
        s.headers = m.optional("headers", headers) ?? []
        s.pagination = m.optional("pagination", pagination)
        if let v = m.optional("interval", duration) { s.interval = v }
        if let v = m.optional("timeout", duration) { s.timeout = v }
        if let v = m.optional("retries", integer) { s.retries = v }
        if let v = m.optional("max_bytes", size) { s.maxBytes = v }
        s.connection = SourceConnection(
            transport: m.optional("transport", choice), proxy: m.optional("proxy", string),
            caFile: m.optional("ca_file", string), clientCert: m.optional("client_cert", string),
            clientKey: m.optional("client_key", string), knownHosts: m.optional("known_hosts", string))
        return s
    }

    /// `fact: "path"` or `fact: { path, type, combine, map, min, max }`, in file order.
    func fields(_ node: Node, _ path: String) -> [FieldSpec] {
        let m = mapping(node, path, known: nil)
        return m.entries.map { entry in
            let fieldPath = m.childPath(entry.key)
            if case .scalar = entry.value, !Self.isNull(entry.value) {
                var spec = FieldSpec(fact: entry.key, path: string(entry.value, fieldPath))
                spec.location = keyLocations[fieldPath]
                return spec
            }
            let f = mapping(entry.value, fieldPath, known: ["path", "type", "combine", "map", "min", "max"])
            var spec = FieldSpec(
                fact: entry.key, path: f.optional("path", string), type: f.optional("type", choice),
                combine: f.optional("combine", choice) ?? .last)
            spec.map = f.optional("map", valueMap)
            spec.min = f.optional("min", number)
            spec.max = f.optional("max", number)
            spec.location = keyLocations[fieldPath]
            return spec
        }
    }

    /// `map: { 合格: 1, 不合格: 0 }`: source text to a number, string or boolean.
    func valueMap(_ node: Node, _ path: String) -> [MapEntry]? {
        let m = mapping(node, path, known: nil)
        guard m.isValid else { return nil }
        return m.entries.compactMap { entry in
            let entryPath = m.childPath(entry.key)
            guard case .scalar(let scalar) = entry.value, !Self.isNull(entry.value),
                let text = scalarText(entry.value, entryPath)?.text
            else {
                if !failed.contains(entryPath) {
                    fail(
                        entryPath, entry.value,
                        "expected a number, string or boolean (found \(Self.describe(entry.value)))")
                }
                return nil
            }
            record(entryPath, entry.value)
            guard scalar.style == .plain || scalar.style == .any else {
                return MapEntry(from: entry.key, to: .string(text))
            }
            if let x = Self.parseNumber(text) { return MapEntry(from: entry.key, to: .number(x)) }
            if text == "true" || text == "false" { return MapEntry(from: entry.key, to: .bool(text == "true")) }
            return MapEntry(from: entry.key, to: .string(text))
        }
    }

    func headers(_ node: Node, _ path: String) -> [Header] {
        let m = mapping(node, path, known: nil)
        return m.entries.compactMap { entry in
            string(entry.value, m.childPath(entry.key)).map { Header(name: entry.key, value: $0) }
        }
    }

    func pagination(_ node: Node, _ path: String) -> Pagination {
        let m = mapping(node, path, known: ["page_param", "size_param", "size"])
        var p = Pagination()
        if let v = m.optional("page_param", string) { p.pageParam = v }
        if let v = m.optional("size_param", string) { p.sizeParam = v }
        if let v = m.optional("size", integer) { p.size = v }
        return p
    }

    /// Seconds, from `15m`, `10s`, `1h30m`, `500ms`.
    func duration(_ node: Node, _ path: String) -> Double? {
        quantity(node, path, Quantities.duration, "a duration such as 10s, 15m, 1h30m or 500ms")
    }

    /// Bytes, from `64MiB`, `512KiB`, `1GB` or `1000`.
    func size(_ node: Node, _ path: String) -> Int? {
        quantity(node, path, Quantities.size, "a size such as 64MiB, 512KiB, 1GB or 1000")
    }

    /// A string that `parse` reads; else reported as not `expected`.
    private func quantity<T>(_ node: Node, _ path: String, _ parse: (String) -> T?, _ expected: String) -> T? {
        guard let text = string(node, path) else { return nil }
        guard let value = parse(text) else {
            fail(path, node, "expected \(expected) (found '\(text)')")
            return nil
        }
        return value
    }
}
