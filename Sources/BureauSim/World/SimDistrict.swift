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
    static let ningbo: [SimDistrict] = [
        .init(
            code: "330203", zh: "海曙区", en: "Haishu", shortName: "海曙", weight: 0.09, quality: 0.78,
            industryMix: [0.55, 0.10, 0.15, 0.10, 0.10]),
        .init(
            code: "330205", zh: "江北区", en: "Jiangbei", shortName: "江北", weight: 0.07, quality: 0.68,
            industryMix: [0.25, 0.20, 0.35, 0.10, 0.10]),
        .init(
            code: "330206", zh: "北仑区", en: "Beilun", shortName: "北仑", weight: 0.11, quality: 0.90,
            industryMix: [0.10, 0.50, 0.25, 0.05, 0.10]),
        .init(
            code: "330211", zh: "镇海区", en: "Zhenhai", shortName: "镇海", weight: 0.06, quality: 0.66,
            industryMix: [0.15, 0.35, 0.30, 0.10, 0.10]),
        .init(
            code: "330212", zh: "鄞州区", en: "Yinzhou", shortName: "鄞州", weight: 0.16, quality: 0.95,
            industryMix: [0.45, 0.25, 0.20, 0.05, 0.05]),
        .init(
            code: "330213", zh: "奉化区", en: "Fenghua", shortName: "奉化", weight: 0.07, quality: 0.55,
            industryMix: [0.45, 0.30, 0.10, 0.05, 0.10]),
        .init(
            code: "330225", zh: "象山县", en: "Xiangshan", shortName: "象山", weight: 0.07, quality: 0.62,
            industryMix: [0.70, 0.10, 0.10, 0.05, 0.05]),
        .init(
            code: "330226", zh: "宁海县", en: "Ninghai", shortName: "宁海", weight: 0.07, quality: 0.45,
            industryMix: [0.15, 0.25, 0.45, 0.05, 0.10]),
        .init(
            code: "330281", zh: "余姚市", en: "Yuyao", shortName: "余姚", weight: 0.14, quality: 0.72,
            industryMix: [0.15, 0.25, 0.45, 0.05, 0.10]),
        .init(
            code: "330282", zh: "慈溪市", en: "Cixi", shortName: "慈溪", weight: 0.16, quality: 0.84,
            industryMix: [0.25, 0.20, 0.45, 0.05, 0.05]),
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
