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
        let (capacity, perToken) = (max(1, capacity), max(1, perToken))
        let token = session.tokenSHA256.lowercased()
        try await transaction { transaction in
            try await transaction.execute(
                "SELECT pg_advisory_xact_lock(\(Self.sessionLock.0), \(Self.sessionLock.1))")
            try await transaction.execute(.deleteExpiredSessions(now: now))
            let mine = try await transaction.row(.countSessions(token: token))?.int("n") ?? 0
            if mine + 1 > perToken {
                try await transaction.execute(.endOldestSessions(token: token, count: mine + 1 - perToken))
            }
            var total = try await transaction.row(.countSessions())?.int("n") ?? 0
            while total + 1 > capacity, total > 0 {
                try await transaction.execute(.endCrowdedSession(signingIn: token))
                total -= 1
            }
            try await transaction.execute(.insertSession(session))
        }
    }

    public func session(idSHA256: String, now: Date) async throws(StoreError) -> SessionRecord? {
        let record = try await read(.session(idSHA256: idSHA256.lowercased())) { rows in
            try rows.first.map(SessionRecord.init(row:))
        }
        return try await unexpired(record, now: now)
    }

    public func removeSession(idSHA256: String) async throws(StoreError) {
        _ = try await rows(PostgresQuery(.removeSession(idSHA256: idSHA256.lowercased())))
    }

    public func sessionCount() async throws(StoreError) -> Int {
        try await read(.countSessions()) { rows in try rows.first?.int("n") ?? 0 }
    }
}
