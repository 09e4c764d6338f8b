/// What kind of value a fact carries, as its sources convert it: what a correction must give.
public enum FactKind: String, Sendable, Hashable, CaseIterable {
    case number, string, bool
    /// A set of strings (`combine: set`), written as a JSON array of strings.
    case set
    /// A field kept as the bureau sent it (no `type`): a number, string or boolean.
    case scalar

    /// Whether `value` is of this kind; a correction never sets a fact to missing.
    public func accepts(_ value: Value) -> Bool {
        switch (self, value) {
        case (.number, .number), (.string, .string), (.bool, .bool), (.set, .set): true
        case (.scalar, .number), (.scalar, .string), (.scalar, .bool): true
        default: false
        }
    }

    /// The kind a source field converts to.
    init(_ field: FieldSpec) {
        switch field.combine {
        case .set: self = .set
        case .count: self = .number
        default:
            switch field.effectiveType {
            case .number?: self = .number
            case .string?: self = .string
            case .bool?: self = .bool
            case nil: self = .scalar
            }
        }
    }
}

extension Config {
    /// The facts some source provides for `entity`, with the kinds their values take
    /// (docs/SEMANTICS.md §14): the only facts a correction may set.
    public func providedFacts(_ entity: CorrectionEntity) -> [String: Set<FactKind>] {
        var facts: [String: Set<FactKind>] = [:]
        for source in sources {
            switch (source.entity, entity) {
            case (.district, .district), (.enterprise, .enterprise):
                for field in source.fields { facts[field.fact, default: []].insert(FactKind(field)) }
            default: continue
            }
        }
        return facts
    }
}
