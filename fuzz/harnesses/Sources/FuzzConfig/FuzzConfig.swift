import QualityConfig
import QualityCore

/// Loads the input as config.yaml: YAML, decoding, validation and expression compilation.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let environment = ["BUREAU_BASE": "http://127.0.0.1:1", "TOKEN": "secret"]
    do {
        let loaded = try ConfigLoader.load(bytes: bytes, file: "fuzz.yaml", environment: environment)
        _ = loaded.warnings.count
    } catch {
        _ = error.description
    }
    return 0
}
