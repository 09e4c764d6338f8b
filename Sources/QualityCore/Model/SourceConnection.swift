/// Which client fetches a source.
public enum SourceTransport: String, Sendable, Hashable, CaseIterable {
    /// The built-in HTTP client (AsyncHTTPClient): `http://` and `https://` only.
    case http
    /// libcurl: `sftp://`, `ftp://`, `ftps://`, `file://`, and `http(s)://` when a source asks for it.
    case curl
}

/// How a source connects, beyond its URL: the client, a proxy, TLS and SSH files.
/// Values are already `${ENV}`-substituted; every field is optional.
public struct SourceConnection: Sendable, Hashable {
    /// `transport:`; nil picks by scheme (see `SourceConfig.transport`).
    public var transport: SourceTransport?
    /// A proxy URL (`http://`, `https://`, `socks5://`…), credentials in its user part.
    public var proxy: String?
    /// PEM file of the certificate authorities to trust instead of the system's.
    public var caFile: String?
    /// PEM client certificate for mutual TLS.
    public var clientCert: String?
    /// PEM private key for mutual TLS, or for `sftp://` the SSH private key.
    public var clientKey: String?
    /// For `sftp://`: an OpenSSH known_hosts file that must hold the server's host key.
    public var knownHosts: String?

    public init(
        transport: SourceTransport? = nil, proxy: String? = nil, caFile: String? = nil, clientCert: String? = nil,
        clientKey: String? = nil, knownHosts: String? = nil
    ) {
        self.transport = transport
        self.proxy = proxy
        self.caFile = caFile
        self.clientCert = clientCert
        self.clientKey = clientKey
        self.knownHosts = knownHosts
    }
}

extension SourceConfig {
    /// URL schemes the built-in HTTP client serves.
    public static let httpSchemes: Set<String> = ["http", "https"]
    /// URL schemes only libcurl serves.
    public static let curlSchemes: Set<String> = ["sftp", "ftp", "ftps", "file"]

    /// The URL's scheme in lower case (`https`, `sftp`); empty when the URL has none.
    public var scheme: String { Self.scheme(of: url) }

    /// The scheme of `url` in lower case; empty when it does not start with `SCHEME://`.
    public static func scheme(of url: String) -> String {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return "" }
        return url[..<colon].lowercased()
    }

    /// The client that fetches this source: libcurl for every scheme but http(s), and for http(s)
    /// when the source says `transport: curl`; the built-in HTTP client otherwise.
    public var transport: SourceTransport {
        Self.httpSchemes.contains(scheme) ? connection.transport ?? .http : .curl
    }
}
