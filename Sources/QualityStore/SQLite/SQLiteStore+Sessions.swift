import Foundation
import GRDB

extension SQLiteStore {
    public func createSession(_ session: SessionRecord, capacity: Int, perToken: Int, now: Date)
        async throws(StoreError)
    {
        let (capacity, perToken) = (max(1, capacity), max(1, perToken))
        let token = session.tokenSHA256.lowercased()
        try await write { db in
            try db.execute(.deleteExpiredSessions(now: now))
            let mine = try db.row(.countSessions(token: token))?.int("n") ?? 0
            if mine + 1 > perToken { try db.execute(.endOldestSessions(token: token, count: mine + 1 - perToken)) }
            var total = try db.row(.countSessions())?.int("n") ?? 0
            while total + 1 > capacity, total > 0 {
                try db.execute(.endCrowdedSession(signingIn: token))
                total -= 1
            }
            try db.execute(.insertSession(session))
        }
    }

    public func session(idSHA256: String, now: Date) async throws(StoreError) -> SessionRecord? {
        let record = try await read { db in
            try db.row(.session(idSHA256: idSHA256.lowercased())).map(SessionRecord.init(row:))
        }
        return try await unexpired(record, now: now)
    }

    public func removeSession(idSHA256: String) async throws(StoreError) {
        try await write { db in try db.execute(.removeSession(idSHA256: idSHA256.lowercased())) }
    }

    public func sessionCount() async throws(StoreError) -> Int {
        try await read { db in try db.row(.countSessions())?.int("n") ?? 0 }
    }
}
