import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    /// The key of the transaction-level advisory lock that serialises sign-ins, so that replicas
    /// signing in at once keep the caps together.
    static let sessionLock: (Int32, Int32) = (7_104, 0)

    public func createSession(_ session: SessionRecord, capacity: Int, perToken: Int, now: Date)
        async throws(StoreError)
    {
        let (capacity, perToken) = (Int64(max(1, capacity)), Int64(max(1, perToken)))
        let token = session.tokenSHA256.lowercased()
        let id = session.idSHA256.lowercased()
        let expires = StoreTime.millis(session.expires)
        try await transaction { transaction in
            try await transaction.execute(
                "SELECT pg_advisory_xact_lock(\(Self.sessionLock.0), \(Self.sessionLock.1))")
            try await transaction.execute("DELETE FROM sessions WHERE expires_at <= \(StoreTime.millis(now))")
            let mine =
                try await transaction.row(
                    "SELECT count(*) AS n FROM sessions WHERE token_sha256 = \(token)")?.get("n", as: Int64.self) ?? 0
            if mine + 1 > perToken {
                try await transaction.execute(
                    """
                    DELETE FROM sessions WHERE id_sha256 IN (
                        SELECT id_sha256 FROM sessions WHERE token_sha256 = \(token)
                        ORDER BY expires_at, id_sha256 LIMIT \(mine + 1 - perToken))
                    """)
            }
            var total = try await transaction.row("SELECT count(*) AS n FROM sessions")?.get("n", as: Int64.self) ?? 0
            while total + 1 > capacity, total > 0 {
                // The oldest session among the tokens holding the most, counting the one signing in.
                try await transaction.execute(
                    """
                    WITH counts AS (
                        SELECT token_sha256, count(*) + CASE WHEN token_sha256 = \(token) THEN 1 ELSE 0 END AS n
                        FROM sessions GROUP BY token_sha256)
                    DELETE FROM sessions WHERE id_sha256 = (
                        SELECT s.id_sha256 FROM sessions s JOIN counts c ON c.token_sha256 = s.token_sha256
                        WHERE c.n = (SELECT max(n) FROM counts) ORDER BY s.expires_at, s.id_sha256 LIMIT 1)
                    """)
                total -= 1
            }
            try await transaction.execute(
                "INSERT INTO sessions (id_sha256, token_sha256, expires_at) VALUES (\(id), \(token), \(expires))")
        }
    }

    public func session(idSHA256: String, now: Date) async throws(StoreError) -> SessionRecord? {
        let id = idSHA256.lowercased()
        let record = try await read("SELECT token_sha256, expires_at FROM sessions WHERE id_sha256 = \(id)") { rows in
            try rows.first.map { row in
                SessionRecord(
                    idSHA256: id, tokenSHA256: try row.get("token_sha256"), expires: try row.date("expires_at"))
            }
        }
        guard let record else { return nil }
        guard record.expires > now else {
            try await removeSession(idSHA256: id)
            return nil
        }
        return record
    }

    public func removeSession(idSHA256: String) async throws(StoreError) {
        _ = try await rows("DELETE FROM sessions WHERE id_sha256 = \(idSHA256.lowercased())")
    }

    public func sessionCount() async throws(StoreError) -> Int {
        try await read("SELECT count(*) AS n FROM sessions") { rows in
            Int(try rows.first?.get("n", as: Int64.self) ?? 0)
        }
    }
}
