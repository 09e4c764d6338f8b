/// The industries of the simulated exporters.
public enum Industry: Int, Sendable, CaseIterable {
    case textile, autoParts, appliances, packaging, other

    /// The value the registry reports (`industry`).
    public var id: String {
        switch self {
        case .textile: "textile"
        case .autoParts: "auto_parts"
        case .appliances: "appliances"
        case .packaging: "packaging"
        case .other: "other"
        }
    }
}

/// One district of the simulated world, with what makes its data differ from its neighbours'.
public struct SimDistrict: Sendable, Hashable {
    /// GB/T 2260 division code (six digits).
    public let code: String
    public let zh: String
    public let en: String
    /// The place name inside enterprise names (鄞州 in 宁波鄞州…有限公司).
    let shortName: String
    /// Share of the world's enterprises registered here (Ningbo) — relative weight.
    let weight: Double
    /// Quality level in [0, 1]: drives pass rates, returns, labs, awards, rectification, processing days.
    let quality: Double
    /// Relative weights of `Industry.allCases`.
    let industryMix: [Double]
}

extension SimDistrict {
    /// Ningbo's ten county-level districts. Quality levels are set so that the demo's scores spread
    /// over all four grades; 象山县 also has the major quality safety incident that fires the veto.
    static let ningbo: [SimDistrict] = ningboRows.map {
        SimDistrict(code: $0, zh: $1, en: $2, shortName: $3, weight: $4, quality: $5, industryMix: $6)
    }

    /// One row a district: code, zh, en, shortName, weight, quality, industryMix.
    private static let ningboRows: [(String, String, String, String, Double, Double, [Double])] = [
        ("330203", "海曙区", "Haishu", "海曙", 0.09, 0.78, [0.55, 0.10, 0.15, 0.10, 0.10]),
        ("330205", "江北区", "Jiangbei", "江北", 0.07, 0.68, [0.25, 0.20, 0.35, 0.10, 0.10]),
        ("330206", "北仑区", "Beilun", "北仑", 0.11, 0.90, [0.10, 0.50, 0.25, 0.05, 0.10]),
        ("330211", "镇海区", "Zhenhai", "镇海", 0.06, 0.66, [0.15, 0.35, 0.30, 0.10, 0.10]),
        ("330212", "鄞州区", "Yinzhou", "鄞州", 0.16, 0.95, [0.45, 0.25, 0.20, 0.05, 0.05]),
        ("330213", "奉化区", "Fenghua", "奉化", 0.07, 0.55, [0.45, 0.30, 0.10, 0.05, 0.10]),
        ("330225", "象山县", "Xiangshan", "象山", 0.07, 0.62, [0.70, 0.10, 0.10, 0.05, 0.05]),
        ("330226", "宁海县", "Ninghai", "宁海", 0.07, 0.45, [0.15, 0.25, 0.45, 0.05, 0.10]),
        ("330281", "余姚市", "Yuyao", "余姚", 0.14, 0.72, [0.15, 0.25, 0.45, 0.05, 0.10]),
        ("330282", "慈溪市", "Cixi", "慈溪", 0.16, 0.84, [0.25, 0.20, 0.45, 0.05, 0.05]),
    ]

    /// The division code of Ningbo's district with the major incident (象山县).
    static let ningboIncidentDistrict = "330225"

    /// District `number` (1-based) of a synthetic world: code 9xxxxx, 第N区 / District N.
    static func synthetic(number: Int, seed: UInt64) -> SimDistrict {
        let u = SimHash.unit(SimHash.hash(seed, Stream.district.rawValue, UInt64(number)))
        return SimDistrict(
            code: String(900_000 + number), zh: "第\(number)区", en: "District \(number)",
            shortName: "第\(number)区", weight: 1, quality: 0.2 + 0.78 * u,
            industryMix: [0.35, 0.28, 0.27, 0.05, 0.05])
    }
}
