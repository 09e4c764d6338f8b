import QualityCore

extension ConfigValidator {
    static let proxySchemes: Set<String> = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]

    /// The URL's scheme and what the chosen transport can serve: a key that a source's client
    /// cannot honour is refused, named, rather than silently ignored.
    func validateTransport(_ source: SourceConfig, _ path: String) {
        let scheme = source.scheme
        let http = SourceConfig.httpSchemes.contains(scheme)
        if ok("\(path).url"), !http, !SourceConfig.curlSchemes.contains(scheme) {
            error("\(path).url", "url must start with http://, https://, sftp://, ftp://, ftps:// or file://")
            return
        }
        let connection = source.connection
        if connection.transport == .http, !http {
            error("\(path).transport", "transport: http fetches http(s) URLs only; \(scheme):// goes through curl")
        }
        if !http {
            for key in ["headers", "pagination"] where given("\(path).\(key)") {
                error("\(path).\(key)", "\(key) applies only to http:// and https:// URLs")
            }
        }
        let files: [(key: String, value: String?)] = [
            ("proxy", connection.proxy), ("ca_file", connection.caFile), ("client_cert", connection.clientCert),
            ("client_key", connection.clientKey), ("known_hosts", connection.knownHosts),
        ]
        for (key, value) in files where value?.isEmpty == true {
            error("\(path).\(key)", "\(key) must not be empty")
        }
        if source.transport == .http {
            for (key, value) in files.dropLast() where value != nil {
                error(
                    "\(path).\(key)",
                    "\(key) needs transport: curl (the built-in HTTP client takes no per-source proxy, CA file "
                        + "or client certificate)")
            }
        }
        if scheme == "file" {
            for (key, value) in files where value != nil {
                error("\(path).\(key)", "\(key) does not apply to file:// URLs")
            }
        }
        if scheme == "sftp" {
            if connection.clientCert != nil {
                error(
                    "\(path).client_cert",
                    "client_cert applies to https and ftps; sftp authenticates with client_key (an SSH private key)")
            }
            if connection.caFile != nil { error("\(path).ca_file", "ca_file does not apply to sftp:// URLs") }
            if connection.knownHosts == nil, ok("\(path).url") {
                error(
                    path,
                    "an sftp:// source needs known_hosts: a file holding the server's host key "
                        + "(ssh-keyscan -p PORT HOST > FILE)")
            }
        } else if connection.knownHosts != nil {
            error("\(path).known_hosts", "known_hosts applies only to sftp:// URLs")
        }
        if let proxy = connection.proxy, !proxy.isEmpty, ok("\(path).proxy") {
            if !Self.proxySchemes.contains(SourceConfig.scheme(of: proxy)) {
                error(
                    "\(path).proxy",
                    "proxy must be a URL such as http://user:${PROXY_PASSWORD}@proxy.example:3128 "
                        + "(http, https, socks4, socks4a, socks5 or socks5h)")
            }
        }
    }
}
