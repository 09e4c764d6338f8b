import Foundation
import GRDB

extension SQLiteStore {
    public func createSession(_ session: SessionRecord, capacity: Int, perToken: Int, now: Date)
        async throws(StoreError)
    {
        let (capacity, perToken) = (max(1, capacity), max(1, perToken))
        let token = session.tokenSHA256.lowercased()
        try await write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [StoreTime.millis(now)])
            let mine =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM sessions WHERE token_sha256 = ?", arguments: [token]) ?? 0
            if mine + 1 > perToken {
                try db.execute(
                    sql: """
                        DELETE FROM sessions WHERE id_sha256 IN (
                            SELECT id_sha256 FROM sessions WHERE token_sha256 = ?
                            ORDER BY expires_at, id_sha256 LIMIT ?)
                        """,
                    arguments: [token, mine + 1 - perToken])
            }
            var total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions") ?? 0
            while total + 1 > capacity, total > 0 {
                // The oldest session among the tokens holding the most, counting the one signing in.
                try db.execute(
                    sql: """
                        WITH counts AS (
                            SELECT token_sha256, COUNT(*) + (token_sha256 = ?) AS n FROM sessions GROUP BY token_sha256)
                        DELETE FROM sessions WHERE id_sha256 = (
                            SELECT s.id_sha256 FROM sessions s JOIN counts c ON c.token_sha256 = s.token_sha256
                            WHERE c.n = (SELECT MAX(n) FROM counts) ORDER BY s.expires_at, s.id_sha256 LIMIT 1)
                        """,
                    arguments: [token])
                total -= 1
            }
            try db.execute(
                sql: "INSERT INTO sessions (id_sha256, token_sha256, expires_at) VALUES (?, ?, ?)",
                arguments: [session.idSHA256.lowercased(), token, StoreTime.millis(session.expires)])
        }
    }

    public func session(idSHA256: String, now: Date) async throws(StoreError) -> SessionRecord? {
        let id = idSHA256.lowercased()
        let record = try await read { db -> SessionRecord? in
            try Row.fetchOne(
                db, sql: "SELECT token_sha256, expires_at FROM sessions WHERE id_sha256 = ?", arguments: [id]
            ).map {
                SessionRecord(idSHA256: id, tokenSHA256: $0["token_sha256"], expires: StoreTime.date($0["expires_at"]))
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
        try await write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE id_sha256 = ?", arguments: [idSHA256.lowercased()])
        }
    }

    public func sessionCount() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions") ?? 0 }
    }
}
