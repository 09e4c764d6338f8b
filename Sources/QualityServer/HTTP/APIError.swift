import HTTPTypes
import Hummingbird
import NIOCore
import QualityCore

/// An error as a client reads it: `{"error": {"code", "message"}}` (plus `details`) with the HTTP
/// status of its code.
///
/// Routes throw it for what only they know (a bad query parameter, an unknown district); domain
/// errors answer as one through `ClientFacingError` (`DomainErrors+HTTPResponseError.swift`).
package struct APIError: HTTPResponseError, Sendable {
    /// The codes docs/openapi.yaml lists.
    package enum Code: String, Sendable {
        case badRequest = "bad_request"
        case unauthorized
        case forbidden
        case notFound = "not_found"
        case conflict
        case tooLarge = "too_large"
        case notReady = "not_ready"
        case configInvalid = "config_invalid"
        case storeFailed = "store_failed"
        case cancelled
        case internalError = "internal_error"

        /// The status a client gets with this code.
        package var status: HTTPResponse.Status {
            switch self {
            case .badRequest: .badRequest
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .conflict: .conflict
            case .tooLarge: .contentTooLarge
            case .notReady, .storeFailed, .cancelled: .serviceUnavailable
            case .configInvalid: .unprocessableContent
            case .internalError: .internalServerError
            }
        }

        /// The code for an error that comes with a status of its own (Hummingbird's `HTTPError`).
        init(status: HTTPResponse.Status) {
            switch status {
            case .unauthorized: self = .unauthorized
            case .forbidden: self = .forbidden
            case .notFound: self = .notFound
            case .conflict: self = .conflict
            case .contentTooLarge: self = .tooLarge
            case .serviceUnavailable: self = .notReady
            default: self = status.kind == .clientError ? .badRequest : .internalError
            }
        }
    }

    package var code: Code
    package var message: String
    /// Further lines, e.g. every error of a refused config.
    package var details: [String]
    /// The status of `code`, or the one another error came with (a 405 stays a 405).
    package var status: HTTPResponse.Status

    package init(_ code: Code, _ message: String, details: [String] = []) {
        self.code = code
        self.message = message
        self.details = details
        self.status = code.status
    }

    /// An error with a status of its own: the status is kept, the code is the nearest one.
    init(status: HTTPResponse.Status, message: String) {
        self.code = Code(status: status)
        self.message = message
        self.details = []
        self.status = status
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = ErrorBody(code: code.rawValue, message: message, details: details).response(status: status)
        if code == .unauthorized { response.headers[.wwwAuthenticate] = #"Bearer realm="qualityd""# }
        return response
    }
}

/// `{"error": {"code", "message", "details"}}`: the body of every error a client gets, `details`
/// only when there are some.
struct ErrorBody: Encodable {
    struct Inner: Encodable {
        var code: String
        var message: String
        var details: [String]?
    }
    var error: Inner

    init(code: String, message: String, details: [String] = []) {
        error = Inner(code: code, message: message, details: details.isEmpty ? nil : details)
    }

    func response(status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        let bytes = (try? APIJSON.bytes(self)) ?? Array(#"{"error":{}}"#.utf8)
        var response = Response.json(bytes, status: status)
        for field in headers { response.headers.append(field) }
        return response
    }
}
