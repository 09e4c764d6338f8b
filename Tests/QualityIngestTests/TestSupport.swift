import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import QualityCore
import QualityIngest
import QualityRecords
import TestFixtures
import Testing

/// Fixture files: `ingest/…` from the shared examples (`Tests/Fixtures`), `csv/…` from this target's.
enum Fixture {
    static func url(_ path: String) throws -> URL {
        if path.hasPrefix("ingest/") { return TestFixtures.url(path) }
        let base = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
        return base.appendingPathComponent(path)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: try url(path)))
    }
}

/// Requests a test server received, in order.
actor RequestLog {
    private(set) var requests: [String] = []

    func append(_ uri: String) { requests.append(uri) }

    func count(path: String) -> Int { requests.filter { $0.hasPrefix(path) }.count }
}

/// A real HTTP server on 127.0.0.1, port 0, for the duration of `body`.
enum TestServer {
    static func run<T: Sendable>(
        _ configure: (Router<BasicRequestContext>) -> Void, _ body: @Sendable (String) async throws -> T
    ) async throws -> T {
        let router = Router()
        configure(router)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "test-bureau")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            do {
                let result = try await body("http://127.0.0.1:\(port)")
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// A shared client for the test, shut down afterwards.
    static func withClient<T: Sendable>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: AsyncHTTPFetcher.recommendedConfiguration()
        )
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try await client.shutdown()
            throw error
        }
    }

    static func response(_ bytes: [UInt8], contentType: String = "application/json", status: HTTPResponse.Status = .ok)
        -> Response
    {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func response(_ text: String, contentType: String = "application/json", status: HTTPResponse.Status = .ok)
        -> Response
    {
        response(Array(text.utf8), contentType: contentType, status: status)
    }
}

/// Small config builders for tests.
enum Make {
    static let districts = ["330203", "330205", "330212"]

    static func source(
        _ id: String, url: String, entity: EntityKind = .enterprise, key: String = "uscc", records: String? = nil,
        fields: [FieldSpec] = []
    ) -> SourceConfig {
        var source = SourceConfig(id: id, name: LocalizedText(zh: id), url: url, key: key)
        source.entity = entity
        source.records = records
        source.fields = fields
        source.timeout = 5
        source.retries = 0
        return source
    }

    static func field(
        _ fact: String, path: String? = nil, type: FieldType? = nil, combine: Combine = .last, min: Double? = nil,
        max: Double? = nil, map: [(String, Value)]? = nil
    ) -> FieldSpec {
        var spec = FieldSpec(fact: fact, path: path, type: type, combine: combine)
        spec.min = min
        spec.max = max
        spec.map = map?.map { MapEntry(from: $0.0, to: $0.1) }
        return spec
    }

    /// Validates one JSON page with `source` and returns the validator.
    static func validate(_ json: String, _ source: SourceConfig, districts: [String] = districts) throws
        -> RecordValidator
    {
        let plan = try SourcePlan(source: source, districts: districts)
        var validator = RecordValidator(plan: plan)
        validator.consume(.json(try PageDecoder.parseJSON(Array(json.utf8), records: source.records)))
        return validator
    }
}
