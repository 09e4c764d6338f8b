import HTTPTypes
import Hummingbird
import NIOCore
import QualityCore

/// An error a client sees: `{"error": {"code", "message"}}` with the HTTP status of its code.
///
/// Every route throws these; the status of each code is decided here and nowhere else.
public struct APIError: HTTPResponseError, Sendable {
    public enum Code: String, Sendable {
        case badRequest = "bad_request"
        case unauthorized
        case forbidden
        case notFound = "not_found"
        case conflict
        case notReady = "not_ready"
        case configInvalid = "config_invalid"
        case storeFailed = "store_failed"
        case internalError = "internal_error"
    }

    public var code: Code
    public var message: String
    /// Further lines, e.g. every error of a refused config.
    public var details: [String]

    public init(_ code: Code, _ message: String, details: [String] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var status: HTTPResponse.Status {
        switch code {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .notReady: .serviceUnavailable
        case .configInvalid: .unprocessableContent
        case .storeFailed: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.key("error")
        w.beginObject()
        w.key("code")
        w.string(code.rawValue)
        w.key("message")
        w.string(message)
        if !details.isEmpty {
            w.key("details")
            w.strings(details)
        }
        w.endObject()
        w.endObject()
        var response = Response.json(w.bytes, status: status)
        if code == .unauthorized { response.headers[.wwwAuthenticate] = #"Bearer realm="qualityd""# }
        return response
    }
}

extension Response {
    /// A JSON body (UTF-8) with its content type.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        json(ByteBuffer(bytes: bytes + [0x0A]), status: status)
    }

    static func json(_ buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: buffer))
    }
}
