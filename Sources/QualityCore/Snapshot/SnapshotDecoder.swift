extension Snapshot {
    /// Reads a snapshot from JSON bytes straight into its fact tables.
    ///
    /// A national snapshot is hundreds of megabytes: building a `JSONValue` tree of it first took
    /// most of the load time and several times the snapshot's memory.
    public static func parse(json bytes: [UInt8]) throws -> Snapshot {
        var decoder = SnapshotDecoder()
        do {
            try JSONReader.read(bytes, syntax: { (reader) throws(JSONSyntaxError) in try decoder.root(&reader) })
        } catch {
            throw SnapshotError(path: "", message: "invalid JSON at \(error.line):\(error.column): \(error.message)")
        }
        return try decoder.snapshot()
    }
}

/// The walk of a snapshot document. Problems of shape are kept, not thrown, until the whole
/// document has been read: a syntax error anywhere is reported first, and of the shape problems
/// the first of period, districts, enterprises, payouts (each in its last occurrence, first
/// problem in document order), as when the document is parsed into a tree and then read.
struct SnapshotDecoder {
    private var rootProblem: SnapshotError?
    private var period: JSONValue?
    private var districts: Result<FactTable, SnapshotError> = .success(FactTable())
    private var enterprises: Result<FactTable, SnapshotError> = .success(FactTable())
    private var payouts: Result<[Payout], SnapshotError> = .success([])

    mutating func root(_ r: inout JSONReader) throws(JSONSyntaxError) {
        let kind = try r.kind()
        guard kind == .object else {
            rootProblem = SnapshotError(path: "", message: "expected an object, found \(kind.name)")
            try r.skipValue()
            return
        }
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "period": period = try r.readValue()
            case "districts": districts = try Self.table(&r, path: "districts")
            case "enterprises": enterprises = try Self.table(&r, path: "enterprises")
            case "payouts": payouts = try Self.payouts(&r)
            default: try r.skipValue()
            }
        }
    }

    func snapshot() throws(SnapshotError) -> Snapshot {
        if let rootProblem { throw rootProblem }
        let text: String
        switch period {
        case .string(let p)?: text = p
        case .number(let n)? where n == n.rounded() && abs(n) < 1e15: text = String(Int(n))
        default: throw SnapshotError(path: "period", message: "expected a period such as \"2025\"")
        }
        return Snapshot(
            period: text, districts: try districts.get(), enterprises: try enterprises.get(), payouts: try payouts.get()
        )
    }

    /// An object of entities keyed by code, each an object of facts; `null` is an empty table.
    private static func table(_ r: inout JSONReader, path: String) throws(JSONSyntaxError)
        -> Result<FactTable, SnapshotError>
    {
        let kind = try r.kind()
        if kind == .null {
            try r.readNull()
            return .success(FactTable())
        }
        guard kind == .object else {
            try r.skipValue()
            return .failure(SnapshotError(path: path, message: "expected an object keyed by code, found \(kind.name)"))
        }
        var builder = FactTableBuilder()
        var problem: SnapshotError?
        // Entities list their facts in much the same order: after column c, the column that came
        // after c last time is tried first (`successor[c + 1]`; `successor[0]` starts a row).
        var successor: [Int] = [-1]
        let start = r.i
        try r.beginObject()
        while let key = try r.nextKey() {
            if builder.rows == Self.sampleRows { builder.expectRows(Self.estimatedRows(&r, from: start)) }
            let kind = try r.kind()
            guard kind == .object else {
                if problem == nil {
                    problem = SnapshotError(
                        path: "\(path).\(key)", message: "expected an object of facts, found \(kind.name)")
                }
                try r.skipValue()
                continue
            }
            let row = builder.addRow(key)
            try r.beginObject()
            var previous = -1
            var name: String?
            while let column = try r.nextKey(
                match: { builder.column(utf8: $0, predicted: successor[previous + 1]) },
                decoded: { key -> Int? in
                    name = key
                    return builder.column(named: key)
                })
            {
                let fact = column.map { builder.name(ofColumn: $0) } ?? name ?? ""
                name = nil
                switch try factValue(&r) {
                case .success(let value):
                    guard !value.isMissing else { break }
                    let c = column ?? builder.addColumn(fact)
                    builder.set(value, column: c, row: row)
                    while successor.count <= c + 1 { successor.append(-1) }
                    successor[previous + 1] = c
                    previous = c
                case .failure(let message):
                    if problem == nil {
                        problem = SnapshotError(path: "\(path).\(key).\(fact)", message: message.message)
                    }
                }
            }
        }
        if let problem { return .failure(problem) }
        return .success(builder.build())
    }

    /// After this many entities the decoder estimates how many the table will have.
    static let sampleRows = 4096

    /// The entities a table will have if the rest of the document is like what has been read of it
    /// (plus 5 %): its columns are then allocated once, not grown by doubling, which at national
    /// size spent more time faulting in and copying pages than reading the document. An estimate
    /// too high costs address space only (pages never written are never mapped in).
    private static func estimatedRows(_ r: inout JSONReader, from start: Int) -> Int {
        let read = r.i - start
        guard read > 0 else { return 0 }
        return Int(Double(sampleRows) * Double(r.bytes.count - start) / Double(read) * 1.05)
    }

    /// A fact: number, string, boolean or array of strings; `null` is missing.
    private static func factValue(_ r: inout JSONReader) throws(JSONSyntaxError) -> Result<Value, FactProblem> {
        switch try r.kind() {
        case .null:
            try r.readNull()
            return .success(.missing)
        case .bool: return .success(.bool(try r.readBool()))
        case .number: return .success(.from(try r.readNumber()))
        case .string: return .success(.string(try r.readString()))
        case .array:
            var strings: [String] = []
            var foreign: JSONReader.Kind?
            try r.beginArray()
            while try r.nextElement() {
                let kind = try r.kind()
                if kind == .string {
                    strings.append(try r.readString())
                } else {
                    if foreign == nil { foreign = kind }
                    try r.skipValue()
                }
            }
            if let foreign { return .failure(FactProblem("an array fact holds strings only, found \(foreign.name)")) }
            return .success(.set(StringSet(strings)))
        case .object:
            try r.skipValue()
            return .failure(FactProblem("a fact is a number, string, boolean or array of strings"))
        }
    }

    private struct FactProblem: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    private static func payouts(_ r: inout JSONReader) throws(JSONSyntaxError) -> Result<[Payout], SnapshotError> {
        let kind = try r.kind()
        if kind == .null {
            try r.readNull()
            return .success([])
        }
        guard kind == .array else {
            try r.skipValue()
            return .failure(SnapshotError(path: "payouts", message: "expected an array, found \(kind.name)"))
        }
        var result: [Payout] = []
        var problem: SnapshotError?
        var n = 0
        try r.beginArray()
        while try r.nextElement() {
            let item = try r.readValue()
            if problem == nil {
                do {
                    result.append(try payout(item, path: "payouts[\(n)]"))
                } catch {
                    problem = error
                }
            }
            n += 1
        }
        if let problem { return .failure(problem) }
        return .success(result)
    }

    private static func payout(_ item: JSONValue, path: String) throws(SnapshotError) -> Payout {
        guard case .object(let o) = item else {
            throw SnapshotError(path: path, message: "expected an object, found \(item.kindName)")
        }
        guard case .string(let uscc)? = o["uscc"] else {
            throw SnapshotError(path: "\(path).uscc", message: "expected a string")
        }
        guard case .string(let program)? = o["program"] else {
            throw SnapshotError(path: "\(path).program", message: "expected a string")
        }
        guard case .number(let year)? = o["year"], year == year.rounded(), abs(year) < 100_000 else {
            throw SnapshotError(path: "\(path).year", message: "expected a whole year")
        }
        guard case .number(let fen)? = o["granted_fen"], fen == fen.rounded(), abs(fen) < 9e15 else {
            throw SnapshotError(path: "\(path).granted_fen", message: "expected a whole number of fen")
        }
        return Payout(uscc: uscc, program: program, year: Int(year), grantedFen: Int64(fen))
    }
}
