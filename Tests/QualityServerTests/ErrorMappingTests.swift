import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import QualityCore
import QualityStore
import Testing

@testable import QualityExport
@testable import QualityServer

/// What a client reads of an error, and what the log says: each domain error keeps its status, a body
/// over the limit is 413 (a warning, not a failure), a cancelled request is no store failure.
@Suite struct ErrorMappingTests {
    /// A daemon of the worked config (no sources, no result) logging into `log`.
    static func daemon(log: LogRecorder, tokens: Bool = false, store: FailingStore? = nil) async throws -> (
        TestWorld, Daemon
    ) {
        let world = try TestWorld()
        let worked = ExpositionGoldenTests.fixtures.appendingPathComponent("worked/config.yaml")
        try world.write(try String(contentsOf: worked, encoding: .utf8) + (tokens ? "\n" + TestTokens.authYAML : ""))
        var options = world.options(fetcher: StalledFetcher(), logger: log.logger)
        if let store { options.store = store }
        return (world, try await buildDaemon(options))
    }

    static func code(_ body: ByteBuffer) throws -> String? {
        try JSONParser.parse(Array(buffer: body)).value(atPath: "error.code")?.stringValue
    }

    @Test func aBodyOverTheLimitIs413AndAWarning() async throws {
        let log = LogRecorder()
        let (_, daemon) = try await Self.daemon(log: log, tokens: true)
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        try await daemon.application.test(.router) { client in
            let login = try await client.execute(
                uri: "/login", method: .post, headers: form,
                body: ByteBuffer(string: "token=" + String(repeating: "a", count: 20_000)))
            #expect(login.status == .contentTooLarge)
            #expect(try Self.code(login.body) == "too_large")
            #expect(String(buffer: login.body).contains("16384 bytes"))

            var admin = TestTokens.bearer(.admin)
            admin[.contentType] = "application/json"
            let revoke = try await client.execute(
                uri: "/api/v1/subsidies/2025/revoke", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"reason": ""# + String(repeating: "x", count: 70_000) + #""}"#))
            #expect(revoke.status == .contentTooLarge)
            #expect(try Self.code(revoke.body) == "too_large")
        }
        #expect(log.lines(at: .error) == [])
        let warnings = log.lines(at: .warning).filter { $0.contains("413") }
        #expect(warnings.count == 2)
        #expect(warnings.first?.hasPrefix("POST /login: 413") == true)
    }

    @Test func aChunkedBodyOverTheLimitIs413() async throws {
        let log = LogRecorder()
        let (_, daemon) = try await Self.daemon(log: log)
        try await daemon.application.test(.live) { client in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(client.port ?? 0)/login")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            // No length: AsyncHTTPClient sends the body chunked.
            let chunks = AsyncStream<ByteBuffer> { continuation in
                for _ in 0..<40 { continuation.yield(ByteBuffer(repeating: UInt8(ascii: "a"), count: 1024)) }
                continuation.finish()
            }
            request.body = .stream(chunks, length: .unknown)
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(response.status == .payloadTooLarge)
            #expect(try Self.code(try await response.body.collect(upTo: 1 << 16)) == "too_large")
        }
        #expect(log.lines(at: .error) == [])
        #expect(log.lines(at: .warning).contains { $0.hasPrefix("POST /login: 413") })
    }

    @Test func aCancelledStoreCallIsNoStoreFailure() async throws {
        let log = LogRecorder()
        let world = try TestWorld()
        let store = try FailingStore(path: world.sqlitePath)
        let (_, daemon) = try await Self.daemon(log: log, store: store)
        try await daemon.application.test(.router) { client in
            store.failRuns(with: .cancelled)
            let cancelled = try await client.execute(uri: "/api/v1/runs", method: .get)
            #expect(cancelled.status == .serviceUnavailable)
            #expect(try Self.code(cancelled.body) == "cancelled")

            store.failRuns(with: .database(path: "q.sqlite", code: 10, message: "disk I/O error", sql: nil))
            let failed = try await client.execute(uri: "/api/v1/runs", method: .get)
            #expect(failed.status == .serviceUnavailable)
            #expect(try Self.code(failed.body) == "store_failed")
        }
        // The store failure is logged as one; the cancelled request is not.
        let errors = log.lines(at: .error)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("disk I/O error") == true)
        #expect(!log.recorded.contains { $0.level >= .warning && $0.message.contains("cancelled") })
    }

    @Test(arguments: [HTTPResponse.Status.methodNotAllowed, .gone, .unsupportedMediaType, .tooManyRequests])
    func aClientHTTPErrorKeepsItsStatus(_ status: HTTPResponse.Status) async throws {
        let log = LogRecorder()
        let (_, daemon) = try await Self.daemon(log: log)
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ErrorMiddleware(runtime: daemon.runtime))
        router.get("fails") { _, _ -> Response in throw HTTPError(status, message: "refused here") }
        try await Application(router: router).test(.router) { client in
            let response = try await client.execute(uri: "/fails", method: .get)
            #expect(response.status == status)
            let body = try JSONParser.parse(Array(buffer: response.body))
            #expect(body.value(atPath: "error.message")?.stringValue == "refused here")
        }
        #expect(log.lines(at: .error) == [])
    }

    @Test func domainErrorsKeepTheirStatus() throws {
        let statuses: [(any HTTPResponseError, HTTPResponse.Status)] = [
            (StoreError.notPublished(period: "2025"), .conflict),
            (StoreError.notFound(what: "run", key: "7"), .notFound),
            (StoreError.invalidArgument(name: "reason", message: "empty"), .badRequest),
            (StoreError.database(path: "q.sqlite", code: 13, message: "full", sql: nil), .serviceUnavailable),
            (StoreError.cancelled, .serviceUnavailable),
            (ConfigErrors([ConfigIssue(location: nil, key: "x", message: "bad")]), .unprocessableContent),
            (ExportError(file: "list.xlsx", message: "disk full"), .internalServerError),
            (ServingError.noResultYet, .serviceUnavailable),
        ]
        for (error, status) in statuses {
            #expect(error.status == status, "\(error)")
        }
    }
}
