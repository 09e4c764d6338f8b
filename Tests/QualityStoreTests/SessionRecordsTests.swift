import Foundation
import QualityStore
import Testing

@Suite struct SessionRecordsTests {
    typealias F = StoreFixtures

    static func record(_ id: String, token: String, expires: Date) -> SessionRecord {
        SessionRecord(idSHA256: String(repeating: id, count: 64), tokenSHA256: token, expires: expires)
    }

    @Test(arguments: StoreKind.allCases) func sessionsSurviveReopeningAndExpire(kind: StoreKind) async throws {
        try await StoreHarness.with(kind) { harness in
            let store = try await harness.open()
            try await store.createSession(
                Self.record("a", token: "AA", expires: F.time(60)), capacity: 10, perToken: 10, now: F.time(0))
            try await store.close()

            let again = try await harness.open()
            let found = try await again.session(idSHA256: String(repeating: "A", count: 64), now: F.time(59.999))
            #expect(found == Self.record("a", token: "aa", expires: F.time(60)))
            #expect(try await again.session(idSHA256: String(repeating: "a", count: 64), now: F.time(60)) == nil)
            // The expired session was dropped by the look-up.
            #expect(try await again.sessionCount() == 0)
            try await again.close()
        }
    }

    @Test(arguments: StoreKind.allCases) func capsEndTheOldestOfTheTokenHoldingMost(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind) { store in
            // Per token: the fourth session of "bb" ends its first.
            for (i, id) in ["1", "2", "3", "4"].enumerated() {
                try await store.createSession(
                    Self.record(id, token: "bb", expires: F.time(100 + Double(i))), capacity: 10, perToken: 3,
                    now: F.time(0))
            }
            #expect(try await store.session(idSHA256: String(repeating: "1", count: 64), now: F.time(1)) == nil)
            #expect(try await store.sessionCount() == 3)
            // In all: a session of "cc" past a capacity of 4 ends the oldest of "bb" (3 held), not "aa"'s.
            try await store.createSession(
                Self.record("a", token: "aa", expires: F.time(50)), capacity: 4, perToken: 3, now: F.time(0))
            try await store.createSession(
                Self.record("c", token: "cc", expires: F.time(200)), capacity: 4, perToken: 3, now: F.time(0))
            #expect(try await store.sessionCount() == 4)
            #expect(try await store.session(idSHA256: String(repeating: "2", count: 64), now: F.time(1)) == nil)
            #expect(try await store.session(idSHA256: String(repeating: "a", count: 64), now: F.time(1)) != nil)
            #expect(try await store.session(idSHA256: String(repeating: "c", count: 64), now: F.time(1)) != nil)
            // Signing out removes the row; signing in again drops what expired meanwhile.
            try await store.removeSession(idSHA256: String(repeating: "c", count: 64))
            #expect(try await store.sessionCount() == 3)
            try await store.createSession(
                Self.record("d", token: "dd", expires: F.time(300)), capacity: 4, perToken: 3, now: F.time(102.5))
            #expect(try await store.sessionCount() == 2)
        }
    }
}
