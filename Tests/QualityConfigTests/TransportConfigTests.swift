import Foundation
import QualityConfig
import QualityCore
import Testing

/// The transport keys of a source (`transport`, `proxy`, `ca_file`, `client_cert`, `client_key`,
/// `known_hosts`) and `logging`: decoded with `${ENV}`, and every combination a client cannot
/// serve refused at the key that asks for it.
@Suite struct TransportConfigTests {
    /// The source of `InvalidConfigTests.source` with another URL; `extra` lines from line 28.
    static func source(url: String, _ extra: String) -> String {
        InvalidConfigTests.source(extra).replacingOccurrences(of: "http://127.0.0.1:9471/a", with: url)
    }

    @Test func connectionKeysDecodeWithEnvironment() throws {
        let yaml = Self.source(
            url: "https://bureau.example/a",
            """
                transport: curl
                proxy: "http://qd:${PROXY_PASSWORD}@proxy.example:3128"
                ca_file: /etc/qualityd/ca.pem
                client_cert: /etc/qualityd/client.pem
                client_key: /etc/qualityd/client-key.pem
            """)
        let loaded = try load(yaml, environment: ["PROXY_PASSWORD": "pw"])
        let source = try #require(loaded.config.sources.first)
        #expect(
            source.connection
                == SourceConnection(
                    transport: .curl, proxy: "http://qd:pw@proxy.example:3128", caFile: "/etc/qualityd/ca.pem",
                    clientCert: "/etc/qualityd/client.pem", clientKey: "/etc/qualityd/client-key.pem"))
        #expect(source.transport == .curl)
    }

    @Test func schemePicksTheTransport() throws {
        for (url, transport) in [
            ("http://a/b", SourceTransport.http), ("HTTPS://a/b", .http), ("ftp://a/b", .curl), ("ftps://a/b", .curl),
            ("file:///srv/b", .curl),
        ] {
            let loaded = try load(Self.source(url: url, ""))
            #expect(loaded.config.sources.first?.transport == transport, "\(url)")
        }
        let sftp = try load(Self.source(url: "sftp://drop@host/{period}.csv", "    known_hosts: /etc/kh\n"))
        #expect(sftp.config.sources.first?.transport == .curl)
        #expect(sftp.config.sources.first?.connection.knownHosts == "/etc/kh")
    }

    @Test func builtInClientRefusesProxyAndTLSFiles() {
        let message =
            "needs transport: curl (the built-in HTTP client takes no per-source proxy, CA file or client certificate)"
        #expect(
            errors(Self.source(url: "https://b/a", "    proxy: http://proxy:3128\n    ca_file: /ca.pem\n")) == [
                Expected(28, 12, "sources[0].proxy", "proxy " + message),
                Expected(29, 14, "sources[0].ca_file", "ca_file " + message),
            ])
        #expect(
            errors(Self.source(url: "https://b/a", "    transport: http\n    client_key: /k.pem\n")) == [
                Expected(29, 17, "sources[0].client_key", "client_key " + message)
            ])
    }

    @Test func httpTransportServesOnlyHTTP() {
        #expect(
            errors(Self.source(url: "ftp://b/a", "    transport: http\n")) == [
                Expected(
                    28, 16, "sources[0].transport",
                    "transport: http fetches http(s) URLs only; ftp:// goes through curl")
            ])
    }

    @Test func sftpNeedsKnownHostsAndNoCertificate() {
        #expect(
            errors(Self.source(url: "sftp://drop@b/a", "    client_cert: /c.pem\n")) == [
                Expected(
                    25, 5, "sources[0]",
                    "an sftp:// source needs known_hosts: a file holding the server's host key (ssh-keyscan -p PORT HOST > FILE)"
                ),
                Expected(
                    28, 18, "sources[0].client_cert",
                    "client_cert applies to https and ftps; sftp authenticates with client_key (an SSH private key)"),
            ])
    }

    @Test func keysThatDoNotApplyToTheScheme() {
        #expect(
            errors(Self.source(url: "https://b/a", "    transport: curl\n    known_hosts: /kh\n")) == [
                Expected(29, 18, "sources[0].known_hosts", "known_hosts applies only to sftp:// URLs")
            ])
        #expect(
            errors(Self.source(url: "file:///srv/a", "    headers: { X: y }\n    proxy: http://p:1\n")) == [
                Expected(28, 14, "sources[0].headers", "headers applies only to http:// and https:// URLs"),
                Expected(29, 12, "sources[0].proxy", "proxy does not apply to file:// URLs"),
            ])
        #expect(
            errors(Self.source(url: "https://b/a", "    transport: curl\n    proxy: proxy.example:3128\n")) == [
                Expected(
                    29, 12, "sources[0].proxy",
                    "proxy must be a URL such as http://user:${PROXY_PASSWORD}@proxy.example:3128 "
                        + "(http, https, socks4, socks4a, socks5 or socks5h)")
            ])
    }

    @Test func loggingFormat() throws {
        #expect(try load(Base.text + "logging: { format: json }\n").config.logging.format == .json)
        #expect(try load(Base.text).config.logging.format == .text)
        #expect(
            errors(Base.text + "logging: { format: xml }\n") == [
                Expected(24, 20, "logging.format", "expected one of: text, json (found 'xml')")
            ])
    }
}
