import Foundation
import QualityStore
import Testing

@Suite struct AuditLogTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreKind.allCases) func newestFirstWithLimitAndOffset(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind) { store in
            var appended: [AuditEntry] = []
            for n in 0..<5 {
                appended.append(
                    try await store.appendAudit(
                        AuditEntry(
                            at: F.time(Double(n) * 60), who: "finance-li", action: .export, period: "2025",
                            detail: "subsidies.xlsx lang=zh", sha256: String(repeating: "\(n)", count: 64), rows: 10 + n
                        )))
            }
            let reload = try await store.appendAudit(AuditEntry(at: F.time(400), who: "admin-zhao", action: .reload))
            #expect(reload.id == appended[4].id.map { $0 + 1 })
            #expect(reload.period == nil && reload.rows == nil)

            let page = try await store.auditLog(limit: 2, offset: 1)
            #expect(page == [appended[4], appended[3]])
            #expect(page.map(\.rows) == [14, 13])
            #expect(try await store.auditLog(limit: 100, offset: 0).count == 6)
            #expect(try await store.auditLog(limit: 100, offset: 0).first == reload)
            #expect(try await store.auditLog(limit: 10, offset: 6) == [])
            await #expect(throws: StoreError.invalidArgument(name: "who", message: "say who does this")) {
                try await store.appendAudit(AuditEntry(at: F.time(0), who: " ", action: .export))
            }
        }
    }
}
