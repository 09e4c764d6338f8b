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
        ErrorBody(
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
        ErrorBody(code: "too_many_requests", message: "\(what); try again in \(retryAfter) s")
            .response(status: status, headers: [.retryAfter: String(retryAfter)])
    }
}
