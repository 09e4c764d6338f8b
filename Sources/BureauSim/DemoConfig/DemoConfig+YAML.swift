import QualityCore

extension DemoConfig {
    /// The configuration as `config.yaml` text, with comments: what `bureau-sim print-config` prints.
    public var yaml: String {
        let c = config
        var out = YAMLOutput()
        header(&out)
        out.line("version: \(c.version)")
        out.line("period: \(c.period.rawValue)              # assessment period: year | quarter | month")
        out.line("current_period: auto      # the period containing today in `timezone`, or fixed: \"2025\"")
        out.line("timezone: \(c.timezone)")
        out.blank()
        out.comment("Districts (区县市), by GB/T 2260 division code.")
        out.line("districts:")
        for d in c.districts {
            out.line("  - " + YAMLText.flow([("code", YAMLText.quoted(d.code)), ("name", YAMLText.localized(d.name))]))
        }
        out.blank()
        sourcesSection(c.sources, &out)
        scoringSections(c, &out)
        subsidiesSection(c.subsidies, &out)
        samplingSection(c.sampling, &out)
        reportsSection(c.reports, &out)
        out.comment("Where the daemon listens, where it keeps its data, and who may do what.")
        out.line("server: { listen: \(YAMLText.quoted(c.server.listen)) }")
        out.line("storage: { sqlite: \(c.storage.sqlite ?? "./data/qualityd.sqlite") }")
        out.comment("Demo tokens (演示令牌), only their SHA-256 is kept: viewer 查看, finance 财务, admin 管理员.")
        out.line("auth:")
        out.line("  tokens:")
        for (t, demo) in zip(c.auth.tokens, Self.demoTokens) {
            out.line("    - " + YAMLText.flow([("name", t.name), ("role", t.role.rawValue), ("sha256", t.sha256)]))
            out.line("      # token: \(demo.token)")
        }
        out.comment("Per-enterprise subsidy series are off: a million enterprises would be a million series.")
        out.line("metrics: { enterprise_series: \(c.metrics.enterpriseSeries) }")
        return out.text
    }

    private func header(_ out: inout YAMLOutput) {
        let what =
            world.isNingbo
            ? "Ningbo's \(world.districts.count == 10 ? "ten" : String(world.districts.count)) districts (宁波市区县市)"
            : "a synthetic world of \(world.districts.count) districts"
        out.comment("qualityd demo configuration: \(what) and \(world.enterpriseCount) exporting enterprises,")
        out.comment("fed by the simulated bureaus of `bureau-sim` (质量强区 assessment and export-quality rewards).")
        out.comment(
            "Printed by `bureau-sim print-config --districts \(world.districts.count) "
                + "--enterprises \(world.enterpriseCount) --listen \(listen)`.")
        out.comment("Run `bureau-sim` and `qualityd serve`; BUREAU_BASE and BUREAU_TOKEN point the sources elsewhere.")
        out.comment("docs/CONFIG.md explains every key.")
    }

    private func sourcesSection(_ sources: [SourceConfig], _ out: inout YAMLOutput) {
        out.comment("Sources (数据来源): one per bureau service. Records failing a check are rejected and counted,")
        out.comment("by reason, without failing the pull; a page that fails keeps the source's last good data.")
        out.line("sources:")
        for s in sources {
            out.item("  ", id: s.id, name: s.name)
            out.line("    url: \(YAMLText.quoted(s.url))")
            out.line("    format: \(s.format.rawValue)")
            if let records = s.records { out.line("    records: \(records)") }
            if s.format == .csv { out.line("    encoding: \(s.encoding.rawValue)") }
            out.line("    entity: \(s.entity.rawValue)")
            out.line("    key: \(YAMLText.scalar(s.key))")
            if let id = s.idField { out.line("    id_field: \(id)") }
            out.line("    fields:")
            for f in s.fields { field(f, &out) }
            if !s.checks.isEmpty {
                out.line("    checks: [ " + s.checks.map { YAMLText.quoted($0.text) }.joined(separator: ", ") + " ]")
            }
            out.line(
                "    headers: "
                    + YAMLText.flow(s.headers.map { ($0.name, YAMLText.quoted($0.value)) }))
            if let p = s.pagination {
                out.line(
                    "    pagination: "
                        + YAMLText.flow([
                            ("page_param", p.pageParam), ("size_param", p.sizeParam), ("size", "\(p.size)"),
                        ]))
            }
            out.line("    interval: \(YAMLText.duration(s.interval))")
            out.line("    timeout: \(YAMLText.duration(s.timeout))")
            out.line("    retries: \(s.retries)")
            out.line("    max_bytes: \(YAMLText.bytes(s.maxBytes))")
        }
        out.blank()
    }

    private func field(_ f: FieldSpec, _ out: inout YAMLOutput) {
        let name = YAMLText.scalar(f.fact)
        if f.type == nil, f.combine == .last, f.map == nil, f.min == nil, f.max == nil {
            out.line("      \(name): \(YAMLText.scalar(f.path))")
            return
        }
        var pairs: [(String, String)] = []
        if f.combine != .count || f.path != f.fact { pairs.append(("path", YAMLText.scalar(f.path))) }
        if let type = f.type { pairs.append(("type", type.rawValue)) }
        if f.combine != .last { pairs.append(("combine", f.combine.rawValue)) }
        if let min = f.min { pairs.append(("min", YAMLText.number(min))) }
        if let max = f.max { pairs.append(("max", YAMLText.number(max))) }
        guard let map = f.map else {
            out.line("      \(name): \(YAMLText.flow(pairs))")
            return
        }
        out.line("      \(name):")
        for (k, v) in pairs { out.line("        \(k): \(v)") }
        out.line("        map:")
        for entry in map {
            let value: String
            switch entry.to {
            case .number(let x): value = YAMLText.number(x)
            case .string(let s): value = YAMLText.scalar(s)
            case .bool(let b): value = b ? "true" : "false"
            case .missing, .set: value = "null"
            }
            out.line("          \(YAMLText.scalar(entry.from)): \(value)")
        }
    }
}

/// Lines of YAML text being built.
struct YAMLOutput {
    private(set) var text = ""

    mutating func line(_ s: String) { text += s + "\n" }

    /// A list item's first two lines at `indent`: `- id: …`, then `  name: …` in both languages.
    mutating func item(_ indent: String, id: String, name: LocalizedText) {
        line("\(indent)- id: \(id)")
        line("\(indent)  name: \(YAMLText.localized(name))")
    }

    mutating func comment(_ s: String, indent: Int = 0) {
        text += String(repeating: " ", count: indent) + "# " + s + "\n"
    }

    mutating func blank() { text += "\n" }
}
