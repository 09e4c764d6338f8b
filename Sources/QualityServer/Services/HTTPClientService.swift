import AsyncHTTPClient
import ServiceLifecycle

/// Owns the HTTP client the sources are pulled with: shuts it down once the services before it
/// (the pulls) have stopped.
package struct HTTPClientService: Service {
    let client: HTTPClient

    package func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
