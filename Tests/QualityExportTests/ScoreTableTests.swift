import QualityConfig
import QualityCore
import TestFixtures
import Testing

@testable import QualityExport

/// `qualityd score --format table`: for rank and ratio indicators, the rates or step, the reference and
/// how it was taken, and each district's rank and rate.
@Suite struct ScoreTableTests {
    static let yaml = TestFixtures.rankRatioYAML(labsMissing: "exclude")

    @Test func rankAndRatioIndicatorsAreExplained() throws {
        let loaded = try ConfigLoader.load(bytes: Array(Self.yaml.utf8), file: "t.yaml", environment: [:])
        let snapshot = Snapshot(
            period: "2025",
            districts: FactTable(rows: [
                "330201": ["growth": .number(5), "days": .number(2), "labs": .number(3)],
                "330202": ["growth": .number(9), "days": .number(6)],
                "330203": ["growth": .number(5), "days": .number(4), "labs": .number(1)],
            ]),
            enterprises: FactTable(rows: [:]), payouts: [])
        // 乙区 lacks labs (missing: exclude): its other points are scaled by 100/70.
        let result = loaded.model.assess(snapshot)
        let table = ScoreTable(config: loaded.config, result: result).indicatorTables()
        let lines = table.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.replacing(/\s+/, with: " ").replacing(/─+/, with: "─")
        }
        #expect(
            lines == [
                "排名赋分 Rank — 增速 Growth: 名次得分率 rates 1:1 2:0.9, 其后 rest 0.5; 数值高者在前 higher ranks first",
                "区县 District 数值 Value 名次 Rank 得分率 Rate 得分 Points",
                "─ ─ ─ ─ ─",
                "乙区 Yi 9.00 1 / 3 100.00% 57.14",
                "甲区 Jia 5.00 2 / 3 90.00% 36.00",
                "丙区 Bing 5.00 2 / 3 90.00% 36.00",
                "比例得分 Ratio — 时长 Days: 基准 reference R = 4.00 (平均值 the mean of 3 districts with a value); "
                    + "v ≤ R → 1, else R / v",
                "区县 District 数值 Value 得分率 Rate 得分 Points",
                "─ ─ ─ ─",
                "甲区 Jia 2.00 100.00% 30.00",
                "乙区 Yi 6.00 66.67% 28.57",
                "丙区 Bing 4.00 100.00% 30.00",
                "排名赋分 Rank — 实验室 Labs: 第1名满分，每后退一名扣 step 0.25 (s = 1 − 0.25 × (r − 1), ≥ 0); "
                    + "数值高者在前 higher ranks first",
                "区县 District 数值 Value 名次 Rank 得分率 Rate 得分 Points",
                "─ ─ ─ ─ ─",
                "甲区 Jia 3.00 1 / 2 100.00% 30.00",
                "丙区 Bing 1.00 2 / 2 75.00% 22.50",
                "乙区 Yi 缺失 missing — — —",
            ])
    }
}
