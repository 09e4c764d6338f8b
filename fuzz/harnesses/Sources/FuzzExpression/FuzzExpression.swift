import QualityCore

/// Parses and checks the input as an expression in every scope, then binds it to small tables
/// holding a value of each kind for every identifier it reads and evaluates it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let scopes: [ExpressionScope] = [.district, .districtWithIndicators, .enterprise, .record]
    for scope in scopes {
        guard let expression = try? Expression(text, scope: scope) else { continue }
        _ = expression.factReads
        let names = Set(expression.syntax.identifiers().map(\.name)).sorted()
        let samples: [Value] = [.number(0), .number(-2.5), .string("x"), .bool(true), .missing, .number(1e300)]
        var facts: [String: Value] = [:]
        var slots: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            facts[name] = samples[i % samples.count]
            slots[name] = i
        }
        let other = facts.mapValues { _ in Value.number(3) }
        let schema = BindingSchema(
            enterprises: FactTable(rows: ["A": facts, "B": other]),
            districts: FactTable(rows: ["D": facts]),
            indicatorSlots: slots,
            recordSlots: slots
        )
        let cursor = EvalCursor()
        cursor.district = 0
        cursor.members = [0, 1]
        cursor.indicators = names.indices.map { samples[($0 + 1) % samples.count] }
        cursor.record = names.indices.map { samples[$0 % samples.count] }
        _ = expression.bind(schema)(cursor)
    }
    return 0
}
