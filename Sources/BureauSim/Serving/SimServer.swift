import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Closes the connection after a `truncated` body: thrown from the body writer, it makes the
/// server drop the connection instead of waiting for bytes it declared but never sent.
struct TruncatedBody: Error {}

/// Carries `Simulator` over HTTP with Hummingbird: one GET route per endpoint plus `/_sim/stats`.
public enum SimServer {
    /// The application serving `simulator` on `host:port` (port 0: any free port).
    /// `onListening` receives the bound port once the server accepts connections.
    public static func buildApplication(
        simulator: Simulator, host: String, port: Int, logger: Logger? = nil,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        for path in Simulator.paths + ["/_sim/stats"] {
            router.get(RouterPath(path)) { request, _ in
                let answer = simulator.handle(
                    SimRequest(
                        path: path, query: request.uri.query, authorization: request.headers[.authorization]))
                return try await response(answer)
            }
        }
        var quiet = logger ?? Logger(label: "bureau-sim")
        if logger == nil { quiet.logLevel = .warning }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "bureau-sim"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: quiet
        )
    }

    /// Serves until SIGINT or SIGTERM.
    public static func run(
        simulator: Simulator, address: ListenAddress, onListening: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let app = buildApplication(
            simulator: simulator, host: address.host, port: address.port, onListening: onListening)
        try await app.runService()
    }

    /// Runs a server for `simulator` (port 0: any free port), calls `body` with the bound port,
    /// then shuts the server down: a live bureau for tests of the simulator and of ingestion.
    public static func withServer<T: Sendable>(
        _ simulator: Simulator, host: String = "127.0.0.1", port: Int = 0,
        _ body: @Sendable (_ port: Int) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        // Cancelling a running server makes Hummingbird log errors that mean nothing here.
        var logger = Logger(label: "bureau-sim")
        logger.logLevel = .critical
        let app = buildApplication(simulator: simulator, host: host, port: port, logger: logger) {
            continuation.yield($0)
        }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let bound = await iterator.next() else {
                _ = try await group.next()
                throw SimError(status: 0, message: "bureau-sim stopped before it listened on \(host):\(port)")
            }
            defer { group.cancelAll() }
            return try await body(bound)
        }
    }

    static func response(_ answer: SimResponse) async throws -> Response {
        if answer.delaySeconds > 0 { try await Task.sleep(for: .milliseconds(Int(answer.delaySeconds * 1000))) }
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        for (name, value) in answer.extraHeaders {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        let declared = answer.declaredLength
        if let declared {
            headers[.contentLength] = String(declared)
            headers[.connection] = "close"
        }
        let simBody = answer.body
        if declared == nil, case .bytes(let bytes) = simBody.source {
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let body = ResponseBody(contentLength: declared == nil ? simBody.contentLength : nil) { writer in
            for chunk in IteratorSequence(simBody.makeChunks()) {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            if declared != nil { throw TruncatedBody() }
            try await writer.finish(nil)
        }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: body)
    }
}
