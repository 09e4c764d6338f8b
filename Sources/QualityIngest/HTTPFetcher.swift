import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import QualityCore
import QualityRecords

/// One GET of one page (or one file): where, with which headers, and the limits that apply to it.
public struct FetchRequest: Sendable, Hashable {
    public var url: String
    public var headers: [Header]
    /// The deadline for the whole exchange, headers and body, in seconds.
    public var timeout: Double
    /// The largest body accepted; a longer one fails with `too_large`.
    public var maxBytes: Int
    /// The client that serves it (`TransportFetcher` routes on this) and its proxy, TLS and SSH files.
    public var transport: SourceTransport = .http
    public var connection = SourceConnection()

    public init(url: String, headers: [Header] = [], timeout: Double = 10, maxBytes: Int = 64 << 20) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
        self.maxBytes = maxBytes
    }
}

/// A complete 2xx response body.
public struct FetchedBody: Sendable, Equatable {
    public var status: Int
    /// The `Content-Type` header, if any.
    public var contentType: String?
    public var bytes: [UInt8]

    public init(status: Int = 200, contentType: String? = nil, bytes: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// Fetches one page over HTTP. Implementations classify every failure into a `FetchError`:
/// a status other than 2xx is `http_error`, never a body.
public protocol HTTPFetching: Sendable {
    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchedBody
}

/// The default fetcher: AsyncHTTPClient with one shared client (owned and shut down by the caller).
///
/// The deadline covers headers and body: AsyncHTTPClient's own deadline ends when the head
/// arrives, so the body is raced against a timer as well. The body is streamed and abandoned
/// as soon as it passes `maxBytes`.
public struct AsyncHTTPFetcher: HTTPFetching {
    public let client: HTTPClient
    public let logger: Logger

    public init(client: HTTPClient, logger: Logger = Logger(label: "qualityd.ingest")) {
        self.client = client
        self.logger = logger
    }

    /// A client configuration suited to polling bureaus: connection failures are reported at once
    /// (the puller retries with backoff) instead of being retried inside the pool until the deadline.
    public static func recommendedConfiguration() -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .follow(max: 5, allowCycles: false))
        configuration.timeout.connect = .seconds(5)
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchedBody {
        let timeout = request.timeout
        do {
            return try await withThrowingTaskGroup(of: FetchedBody.self) { group in
                group.addTask { try await self.perform(request) }
                group.addTask {
                    // A little after the client's own deadline, so that a head that never came is
                    // reported by the client (with the connect failure, if that was the cause).
                    try await Task.sleep(for: .milliseconds(Int64(timeout * 1000) + 100))
                    throw FetchError(.timeout, "no complete response within \(Self.seconds(timeout))")
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else {
                    throw FetchError(.connectionError, "request ended without a response")
                }
                return first
            }
        } catch let error as FetchError {
            throw error
        } catch {
            throw Self.classify(error, timeout: timeout)
        }
    }

    private func perform(_ request: FetchRequest) async throws -> FetchedBody {
        var http = HTTPClientRequest(url: request.url)
        for header in request.headers { http.headers.add(name: header.name, value: header.value) }
        let deadline = NIODeadline.now() + .milliseconds(Int64(request.timeout * 1000))
        let response = try await client.execute(http, deadline: deadline, logger: logger)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            throw FetchError(.httpError, "HTTP \(status) \(response.status.reasonPhrase)", status: status)
        }
        let declared = response.headers.first(name: "content-length").flatMap { Int($0) }
        if let declared, declared > request.maxBytes {
            throw FetchError(.tooLarge, "body of \(declared) bytes exceeds max_bytes \(request.maxBytes)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(declared ?? 64 << 10, request.maxBytes))
        do {
            for try await chunk in response.body {
                guard bytes.count + chunk.readableBytes <= request.maxBytes else {
                    throw FetchError(.tooLarge, "body exceeds max_bytes \(request.maxBytes)")
                }
                bytes.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as FetchError {
            throw error
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw FetchError(.decodeError, "truncated body after \(bytes.count) bytes (\(error))", status: status)
        }
        if let declared, bytes.count < declared {
            throw FetchError(.decodeError, "truncated body: \(bytes.count) of \(declared) bytes", status: status)
        }
        return FetchedBody(status: status, contentType: response.headers.first(name: "content-type"), bytes: bytes)
    }

    static func classify(_ error: any Error, timeout: Double) -> FetchError {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
                return FetchError(.timeout, "no complete response within \(seconds(timeout)) (\(error))")
            case .remoteConnectionClosed:
                return FetchError(.connectionError, "connection closed before a response (\(error))")
            default:
                return FetchError(.connectionError, "\(error)")
            }
        }
        if error is CancellationError { return FetchError(.connectionError, "cancelled") }
        return FetchError(.connectionError, "\(error)")
    }

    static func seconds(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? "\(Int(x))s" : "\(x)s"
    }
}
