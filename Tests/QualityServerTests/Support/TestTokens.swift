import HTTPTypes
import QualityCore

/// The demo tokens of README and config.yaml (the test world's config has them too).
enum TestTokens {
    static let viewer = "demo-viewer-token"
    static let finance = "demo-finance-token"
    static let admin = bearer(.admin)

    static func token(_ role: Role) -> String {
        switch role {
        case .viewer: "demo-viewer-token"
        case .finance: "demo-finance-token"
        case .admin: "demo-admin-token"
        }
    }

    /// `Authorization: Bearer …` of the role's demo token; no header for nil.
    static func bearer(_ role: Role?) -> HTTPFields {
        guard let role else { return [:] }
        return [.authorization: "Bearer " + token(role)]
    }

    /// The `auth` section with the three demo tokens' digests.
    static let authYAML = """
        auth:
          tokens:
            - { name: demo-viewer, role: viewer, sha256: db2c460a3dd812a27b2a7f60d1320322c27ac3b28b3b90b11c05ecc7b4bcc856 }
            - { name: demo-finance, role: finance, sha256: def24dcaa2767d3713d3e4753dae47336790dedc1b248e065e66e29255466e1e }
            - { name: demo-admin, role: admin, sha256: 91c16f0d6cc1bec3c3603972182a07c66ff4fa71618a975e963d6dbe42b6dd37 }

        """
}
