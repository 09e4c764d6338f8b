import HTTPTypes
import Hummingbird
import QualityConfig
import QualityCore
import QualityExport
import QualityStore

// What a client reads of each error that can reach a route, decided here and nowhere else (after
// Hummingbird's `NIOCore+HTTPResponseError.swift`). Each answers as an `APIError`: its status, and
// `{"error": {"code", "message"}}` with the code docs/openapi.yaml lists. `ErrorMiddleware` keeps
// the status and decides what is logged.

/// An error that a client reads as an `APIError`. Its two witnesses are public: the conformances of public
/// types (`StoreError`…) to Hummingbird's public protocol are.
package protocol ClientFacingError: HTTPResponseError {
    var apiError: APIError { get }
}

extension ClientFacingError {
    public var status: HTTPResponse.Status { apiError.status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try apiError.response(from: request, context: context)
    }
}

extension StoreError: ClientFacingError {
    package var apiError: APIError {
        switch self {
        case .notPublished, .alreadyConfirmed, .notConfirmed, .alreadyDecided: APIError(.conflict, description)
        case .sameSigner: APIError(.forbidden, description)
        case .notFound: APIError(.notFound, description)
        case .invalidArgument, .invalidResult: APIError(.badRequest, description)
        case .cancelled: APIError(.cancelled, "the request was cancelled before the store answered")
        case .database, .postgres, .file, .unsupported: APIError(.storeFailed, "the store failed: \(description)")
        }
    }
}

/// Only a refused reload reaches a route with these: the config in force stays.
extension ConfigErrors: ClientFacingError {
    package var apiError: APIError {
        APIError(
            .configInvalid, "config refused, the previous one stays in force", details: issues.map(\.description))
    }
}

/// An export that could not be written is the server's fault; the file and cause go to the log only.
extension ExportError: ClientFacingError {
    package var apiError: APIError { APIError(.internalError, "the export could not be written; it has been logged") }
}

extension ServingError: ClientFacingError {
    package var apiError: APIError { APIError(.notReady, description) }
}

/// A period before the first policy version: the config in force has no policy for it.
extension PolicyError: ClientFacingError {
    package var apiError: APIError { APIError(.conflict, description) }
}

/// A what-if proposal refused: 422 with every problem at its line and column, or 409 for a period
/// one of the two configs has no policy for.
extension WhatIf.Refusal: ClientFacingError {
    package var apiError: APIError {
        switch self {
        case .invalid(let errors):
            APIError(
                .configInvalid, "the proposal has \(errors.issues.count) errors; nothing was compared",
                details: errors.issues.map(\.description))
        case .noPolicy: APIError(.conflict, description)
        }
    }
}

/// The sampling routes' refusals (404, 400, 409), each with its own message.
extension SamplingError: ClientFacingError {}

/// The correction and appeal routes' refusals (400, 404, 409), each naming its field.
extension CorrectionError: ClientFacingError {}
