import Foundation
import Testing

@testable import QualityServer

@Suite struct GzipTests {
    @Test func roundTripsAndHasTheGzipHeader() throws {
        let text = Array(String(repeating: "quality_district_score{district=\"330212\"} 86.2\n", count: 500).utf8)
        let compressed = try Gzip.compress(text)
        #expect(Array(compressed.prefix(3)) == [0x1F, 0x8B, 0x08])
        #expect(compressed.count < text.count / 10)
        #expect(try Gzip.decompress(compressed) == text)
    }

    @Test func emptyInput() throws {
        #expect(try Gzip.decompress(try Gzip.compress([])) == [])
    }

    @Test func corruptInputFails() throws {
        var compressed = try Gzip.compress(Array("hello, 质量".utf8))
        compressed.removeLast(6)
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(compressed) }
    }

    @Test func acceptEncoding() {
        #expect(MetricsRoutes.acceptsGzip(["gzip"]))
        #expect(MetricsRoutes.acceptsGzip(["deflate, gzip;q=0.5"]))
        #expect(MetricsRoutes.acceptsGzip(["identity", "*"]))
        #expect(!MetricsRoutes.acceptsGzip(["gzip;q=0"]))
        #expect(!MetricsRoutes.acceptsGzip(["identity"]))
        #expect(!MetricsRoutes.acceptsGzip([]))
    }
}
