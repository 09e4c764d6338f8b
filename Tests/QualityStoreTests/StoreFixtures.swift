import Foundation
import QualityStore

@testable import QualityCore

/// Small real values built with QualityCore types, and a scratch directory per test.
enum StoreFixtures {
    /// 2025-03-01T00:00:00Z plus `seconds`.
    static func time(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_740_787_200 + seconds) }

    /// A USCC with a valid GB 32100-2015 check character.
    static func uscc(_ first17: String) -> String {
        first17 + String(USCC.checkCharacter(for: first17) ?? "0")
    }

    static let textile = uscc("91330212MA0000001")
    static let autoParts = uscc("91330203MA0000002")
    static let appliances = uscc("91330212MA0000003")

    static func snapshot(period: String = "2025", sampled: Double = 20) -> Snapshot {
        Snapshot(
            period: period,
            districts: FactTable(rows: [
                "330212": ["major_incidents": .number(0)],
                "330203": ["major_incidents": .number(1), "cnas_labs": .missing],
            ]),
            enterprises: FactTable(rows: [
                textile: [
                    "name": .string("宁波甬纺服饰有限公司"), "district": .string("330212"), "industry": .string("textile"),
                    "batches_sampled": .number(sampled), "batches_passed": .number(19.5),
                    "awards": .set(StringSet(["cn_export_quality_demo", "city_award"])), "exporter": .bool(true),
                ],
                autoParts: [
                    "name": .string("北仑汽配股份有限公司"), "district": .string("330203"), "industry": .string("auto_parts"),
                    "batches_sampled": .number(8),
                ],
            ]),
            payouts: [Payout(uscc: textile, program: "lab_cnas", year: 2023, grantedFen: 15_000_000)])
    }

    /// A result whose list pays `textile` 5,000 yuan and `appliances` 1,200 yuan; `autoParts` is cut to 0.
    static func result(period: String = "2025", configSHA256: String = "c0ffee", total: Double = 86.204)
        -> AssessmentResult
    {
        AssessmentResult(
            period: period, configSHA256: configSHA256, snapshotSHA256: snapshot(period: period).sha256,
            districts: [
                DistrictResult(
                    code: "330212", name: "鄞州区", nameEn: "Yinzhou",
                    indicators: [
                        IndicatorResult(
                            id: "sampling_pass_rate", value: 97.73, score: 0.979, points: 29.37, missing: false),
                        IndicatorResult(id: "cnas_labs", value: nil, score: nil, points: nil, missing: true),
                    ],
                    dimensions: [NamedNumber("safety", 38.26), NamedNumber("standards", 44.44)], base: 82.7, bonus: 4,
                    penalty: 0.5, total: total, grade: "good", rank: 1, enterprises: 2,
                    bonusItems: [NamedNumber("demo_enterprises", 4)], penaltyItems: [NamedNumber("recalls", 0.5)]),
                DistrictResult(
                    code: "330203", name: "海曙区", nameEn: "Haishu", incomplete: true, base: 61.25,
                    vetoedBy: ["major_incident"], enterprises: 1),
            ],
            subsidies: SubsidyResult(
                budgetFen: 620_000, requestedFen: 820_000, grantedFen: 620_000,
                awards: [
                    Award(
                        uscc: textile, name: "宁波甬纺服饰有限公司", district: "330212", program: "demo_enterprise",
                        requestedFen: 600_000, grantedFen: 500_000, notes: [.budget]),
                    Award(
                        uscc: autoParts, name: "北仑汽配股份有限公司", district: "330203", program: "city_award",
                        requestedFen: 100_000, grantedFen: 0, notes: [.enterpriseCap, .budget]),
                    Award(
                        uscc: appliances, name: "慈溪小家电有限公司", district: "330212", program: "lab_cnas",
                        requestedFen: 120_000, grantedFen: 120_000),
                ],
                ineligible: [Ineligibility(uscc: uscc("91330212MA0000004"), reasons: ["no_major_incident"])],
                excluded: [Exclusion(uscc: textile, program: "city_award", reason: "group")]),
            rejected: [Rejection(uscc: "91330212MA00000000", reason: "invalid_uscc")],
            sources: [
                SourceStatus(id: "ciq_sampling", lastSuccess: "2025-03-01T00:00:00Z", stale: false),
                SourceStatus(id: "finance_payouts", lastSuccess: nil, stale: true),
            ])
    }

    static func run(
        period: String = "2025", at seconds: Double, status: RunStatus = .success, error: String? = nil
    ) -> ScoringRun {
        ScoringRun(
            period: period, configSHA256: "c0ffee", snapshotSHA256: status == .success ? "5eed" : nil,
            startedAt: time(seconds - 2), finishedAt: time(seconds), durationSeconds: 1.75, status: status, error: error
        )
    }

    static func pull(source: String, at seconds: Double, status: PullStatus = .success) -> PullRecord {
        PullRecord(
            source: source, startedAt: time(seconds - 1.5), finishedAt: time(seconds), status: status,
            records: status == .success ? 1_204 : 0,
            rejected: status == .success ? ["invalid_uscc": 3, "duplicate": 2, "range": 1] : [:],
            bytes: status == .success ? 183_311 : 0, durationSeconds: 1.25,
            error: status == .success ? nil : "HTTP 500 from http://127.0.0.1:9471/ciq/sampling?page=2")
    }

    /// Runs `body` with a fresh directory, removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qualitystore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }

    /// A new store (`q.sqlite`) in a temporary directory, removed afterwards.
    static func withStore<T>(_ body: (SQLiteStore, URL) async throws -> T) async throws -> T {
        try await withTemporaryDirectory { dir in
            try await body(try SQLiteStore(path: dir.appendingPathComponent("q.sqlite").path), dir)
        }
    }
}
