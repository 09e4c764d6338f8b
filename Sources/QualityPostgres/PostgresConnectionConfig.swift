import Foundation
import Logging
import PostgresNIO
import QualityStore

/// Where a PostgreSQL server is and how to reach it, parsed from a `postgres://` URL as libpq reads one:
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=MODE`, or `?host=/run/postgresql` for a Unix socket.
///
/// The password never appears in `description` or in an error: `redacted` shows the URL without it.
/// Reusable by anything in qualityd that talks to the same server (the store, leader election).
public struct PostgresConnectionConfig: Sendable, CustomStringConvertible {
    /// TLS as libpq's `sslmode`: `prefer` and `require` encrypt without checking the certificate,
    /// `verify-full` checks it against the system's roots and the host name.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    /// A directory holding the server's socket (`.s.PGSQL.PORT`), used instead of `host` when set.
    public var socketDirectory: String?
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// Connections the store's pool may open (`storage.postgres.pool`).
    public var poolSize: Int

    public init(
        host: String, port: Int = 5432, socketDirectory: String? = nil, username: String, password: String? = nil,
        database: String, tls: TLSMode = .prefer, poolSize: Int = 8
    ) {
        self.host = host
        self.port = port
        self.socketDirectory = socketDirectory
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.poolSize = poolSize
    }

    /// Parses `url`; the error names what is wrong without repeating the password.
    public init(url: String, poolSize: Int = 8) throws(StoreError) {
        func refuse(_ message: String) -> StoreError {
            .invalidArgument(name: "storage.postgres.url", message: message)
        }
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"),
            let components = URLComponents(string: url)
        else {
            throw refuse("expected postgres://USER:PASSWORD@HOST:PORT/DATABASE, found \(Self.redact(url))")
        }
        var socketDirectory: String?
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw refuse("sslmode must be one of \(modes), found \(item.value ?? "nothing")")
                }
                tls = mode
            case "host" where item.value?.hasPrefix("/") == true:
                socketDirectory = item.value
            default:
                throw refuse("unknown parameter '\(item.name)'; qualityd reads sslmode and host (a socket directory)")
            }
        }
        let database = String(components.path.drop { $0 == "/" })
        guard let user = components.user, !user.isEmpty else {
            throw refuse("\(Self.redact(url)) names no user")
        }
        guard !database.isEmpty, !database.contains("/") else {
            throw refuse("\(Self.redact(url)) names no database (…/DATABASE)")
        }
        let host = components.host ?? ""
        guard !host.isEmpty || socketDirectory != nil else {
            throw refuse("\(Self.redact(url)) names no host")
        }
        guard poolSize >= 1 else { throw refuse("pool must be at least 1, found \(poolSize)") }
        self.init(
            host: host.isEmpty ? "localhost" : host, port: components.port ?? 5432, socketDirectory: socketDirectory,
            username: user, password: components.password, database: database, tls: tls, poolSize: poolSize)
    }

    /// The URL without its password, for logs and errors.
    public var redacted: String {
        let credentials = password == nil ? username : "\(username):***"
        let hostPart = host.contains(":") ? "[\(host)]" : host
        var url = "postgres://\(credentials)@\(hostPart):\(port)/\(database)"
        var query: [String] = []
        if let socketDirectory { query.append("host=\(socketDirectory)") }
        if tls != .prefer { query.append("sslmode=\(tls.rawValue)") }
        if !query.isEmpty { url += "?" + query.joined(separator: "&") }
        return url
    }

    public var description: String { redacted }

    /// `url` with whatever stands between `://USER:` and `@` replaced, for a URL that does not parse.
    public static func redact(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else {
            return url
        }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    /// The configuration of a pooled client.
    public func clientConfiguration() -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            configuration = PostgresClient.Configuration(
                unixSocketPath: socketPath(in: socketDirectory), username: username, password: password,
                database: database)
        } else {
            configuration = PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database,
                tls: clientTLS())
        }
        configuration.options.maximumConnections = poolSize
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// The configuration of one connection outside the pool (migrations, a session-level lock).
    public func connectionConfiguration() throws(StoreError) -> PostgresConnection.Configuration {
        if let socketDirectory {
            return PostgresConnection.Configuration(
                unixSocketPath: socketPath(in: socketDirectory), username: username, password: password,
                database: database)
        }
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch self.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: Self.tlsConfiguration(verify: false)))
            case .require: tls = .require(try NIOSSLContext(configuration: Self.tlsConfiguration(verify: false)))
            case .verifyFull: tls = .require(try NIOSSLContext(configuration: Self.tlsConfiguration(verify: true)))
            }
        } catch {
            throw .postgres(server: redacted, sqlState: "tls", message: "cannot set up TLS: \(error)", sql: nil)
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    private func socketPath(in directory: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + ".s.PGSQL.\(port)"
    }

    private func clientTLS() -> PostgresClient.Configuration.TLS {
        switch tls {
        case .disable: .disable
        case .prefer: .prefer(Self.tlsConfiguration(verify: false))
        case .require: .require(Self.tlsConfiguration(verify: false))
        case .verifyFull: .require(Self.tlsConfiguration(verify: true))
        }
    }

    private static func tlsConfiguration(verify: Bool) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !verify { configuration.certificateVerification = .none }
        return configuration
    }
}
