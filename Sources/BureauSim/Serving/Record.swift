/// A field value as a bureau sends it.
enum Scalar: Sendable, Equatable {
    case string(String)
    case int(Int64)

    var int: Int64? {
        if case .int(let n) = self { return n }
        return nil
    }
}

/// One record of a bureau's answer: named fields in the order they are written.
struct Record: Sendable {
    var fields: [(name: String, value: Scalar)]

    init(_ fields: [(name: String, value: Scalar)]) {
        self.fields = fields
    }

    subscript(name: String) -> Scalar? {
        get { fields.first { $0.name == name }?.value }
        set {
            guard let i = fields.firstIndex(where: { $0.name == name }) else { return }
            if let newValue { fields[i].value = newValue }
        }
    }
}

/// Where an endpoint's records come from.
enum RecordStream {
    /// `total` records, record `r` computed by `make()(r)`; `make` may keep a cache across calls
    /// for consecutive records of one page.
    case indexed(total: Int, make: () -> (Int) -> Record)
    /// Records enumerated in order (lists that are not paginated, typically sparse).
    case sequence(make: @Sendable () -> AnyIterator<Record>)
}

/// The envelope around an endpoint's records.
enum BodyShape: Sendable {
    /// `{"code":0,"data":{"items":[…],"page":N,"page_size":S,"total":T}}` (经信局).
    case registry
    /// `{"items":[…],"page":N,"page_size":S,"total":T}`, or `{"items":[…],"total":T}` unpaginated.
    case items
    /// A bare JSON array.
    case array
    /// `{"rows":[…]}` (财政局).
    case rows
    /// GB18030 CSV with a header row, CRLF line ends.
    case csvGB18030(header: [String])
}

/// One bureau endpoint: how its records are produced and which record faults can spoil them.
struct Endpoint: Sendable {
    let path: String
    let shape: BodyShape
    let paginated: Bool
    /// The field holding the enterprise's USCC (bad_uscc).
    var usccField: String? = "uscc"
    /// The field whose value identifies a record (duplicate).
    var idField: String?
    /// A count or amount field (negative, bad_type).
    var numberField: String?
    /// Sampling: `passed` can be made larger than `sampled` (passed_gt_sampled).
    var hasPassedAndSampled = false
    let produce: @Sendable (World, SimQuery) throws(SimError) -> RecordStream

    /// The record-level fault kinds that can apply here.
    var recordFaultKinds: Set<FaultKind> {
        var kinds: Set<FaultKind> = []
        if usccField != nil { kinds.insert(.badUSCC) }
        if numberField != nil { kinds.formUnion([.negative, .badType]) }
        if hasPassedAndSampled { kinds.insert(.passedGreaterThanSampled) }
        if idField != nil { kinds.insert(.duplicate) }
        return kinds
    }
}
