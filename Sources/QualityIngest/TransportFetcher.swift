import QualityCore
import QualityRecords

/// Hands each request to the client its source uses (`FetchRequest.transport`): the built-in
/// HTTP client for http(s), libcurl for the other schemes and for `transport: curl`.
public struct TransportFetcher: HTTPFetching {
    public let http: any HTTPFetching
    public let curl: any HTTPFetching

    public init(http: any HTTPFetching, curl: any HTTPFetching = CurlFetcher()) {
        self.http = http
        self.curl = curl
    }

    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchedBody {
        switch request.transport {
        case .http: try await http.fetch(request)
        case .curl: try await curl.fetch(request)
        }
    }
}
