import QualityConfig
import QualityCore
import Testing

/// `server.allowed_hosts`: the names besides IP literals and localhost the daemon answers.
@Suite struct AllowedHostsTests {
    @Test func namesAndSchemes() throws {
        let yaml = Base.appending(
            "server:\n  allowed_hosts: [Qualityd.Example.gov.cn, \"https://secure.example.\", http://lan-box]\n")
        let c = try load(yaml).config
        #expect(
            c.server.allowedHosts == [
                AllowedHost(host: "qualityd.example.gov.cn", scheme: "http"),
                AllowedHost(host: "secure.example", scheme: "https"),
                AllowedHost(host: "lan-box", scheme: "http"),
            ])
        #expect(try load(Base.text).config.server.allowedHosts == [])
    }

    @Test func portsPathsAndWildcardsAreErrors() {
        let yaml = Base.appending(
            "server:\n  allowed_hosts:\n    - ok.example\n    - bad.example:9470\n    - https://x.example/path\n    - \"*.example\"\n"
        )
        let hint = "without port or path"
        let found = errors(yaml) ?? []
        #expect(found.map(\.line) == [27, 28, 29])
        #expect(found.map(\.column) == [7, 7, 7])
        #expect(found.map(\.key) == ["server.allowed_hosts[1]", "server.allowed_hosts[2]", "server.allowed_hosts[3]"])
        #expect(found.allSatisfy { $0.message.contains(hint) })
        #expect(found.first?.message.hasSuffix("(found 'bad.example:9470')") == true)
    }
}
