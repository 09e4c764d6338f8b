import Glibc
import QualityConfig
import QualityCore
import QualityRecords

/// The ingestion fixture's sources (five bureaus, with checks, maps and every combine mode).
let plans: [SourcePlan] = {
    let here = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(5).joined(separator: "/")
    let path = here + "/Tests/Fixtures/ingest/config.yaml"
    do {
        let loaded = try ConfigLoader.load(path: path, environment: [:])
        let districts = loaded.config.districts.map(\.code)
        return try loaded.config.sources.enumerated().filter { $0.element.format == .json }.map {
            try SourcePlan(source: $0.element, districts: districts, index: $0.offset)
        }
    } catch {
        print("FuzzValidator: cannot load \(path): \(error)")
        exit(1)
    }
}()

/// Loads the plans before the first input: allocated during one, they are reported as leaked.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzValidatorInitialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    _ = plans.count
    return 0
}

/// Decodes the input as a JSON page of every JSON source of the fixture and validates its records.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValidator(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for plan in plans {
        // The page at the source's records path, and the body itself as the record array.
        for path in [plan.source.records, nil] {
            guard let records = try? PageDecoder.parseJSON(bytes, records: path) else { continue }
            var validator = RecordValidator(plan: plan)
            validator.consume(.json(records))
            validator.consume(.json(records))
            _ = validator.finish(period: "2025")
        }
    }
    return 0
}
