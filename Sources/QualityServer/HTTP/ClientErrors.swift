import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Client errors answered outside `APIError`: each is an `HTTPResponseError` with its own status,
/// and the same `{"error": {"code", "message"}}` body.
/// 421 Misdirected Request: the `Host` names a server this is not.
struct MisdirectedRequest: HTTPResponseError {
    var host: String

    var status: HTTPResponse.Status { .misdirectedRequest }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        ClientErrorBody(
            code: "misdirected_request",
            message: "Host \(host) is not a name of this server; add it to server.allowed_hosts to serve it"
        ).response(status: status)
    }
}

/// 429 Too Many Requests: the client is over its budget of sign-ins or failed credentials.
struct TooManyRequests: HTTPResponseError {
    /// Whole seconds until the client may try again (at least 1).
    var retryAfter: Int
    var what: String

    var status: HTTPResponse.Status { .tooManyRequests }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        ClientErrorBody(code: "too_many_requests", message: "\(what); try again in \(retryAfter) s")
            .response(status: status, headers: [.retryAfter: String(retryAfter)])
    }
}

/// The `{"error": {"code", "message"}}` body every client error has.
struct ClientErrorBody: Encodable {
    struct Inner: Encodable {
        var code: String
        var message: String
    }
    var error: Inner

    init(code: String, message: String) {
        error = Inner(code: code, message: message)
    }

    func response(status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var bytes = (try? JSONEncoder().encode(self)).map { [UInt8]($0) } ?? Array(#"{"error":{}}"#.utf8)
        bytes.append(0x0A)
        var response = Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        for field in headers { response.headers.append(field) }
        return response
    }
}
