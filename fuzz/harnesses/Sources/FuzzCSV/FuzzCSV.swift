import QualityCore
import QualityRecords

/// Decodes the input as a CSV page in UTF-8 and in GB18030, as a bureau's body would be.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for encoding in [TextEncoding.utf8, .gb18030] {
        if let table = try? PageDecoder.parseCSV(bytes, encoding: encoding) {
            _ = table.rows.reduce(table.header.count) { $0 + $1.count }
        }
    }
    var rows = 0
    try? CSVParser.forEachRecord(bytes) { _ in rows += 1 }
    return 0
}
