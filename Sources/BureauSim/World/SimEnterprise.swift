import Glibc
import QualityCore

/// What drives an enterprise's data, cheap to compute: layouts weigh many enterprises by these
/// to place a record, and only the one chosen needs its code and name.
public struct EnterpriseTraits: Sendable, Hashable {
    /// Position in the world, 0..<enterprises; the registry lists enterprises in this order.
    public let index: Int
    public let districtIndex: Int
    public let industry: Industry
    /// Relative size (export volume), 0.15–2.9 with a long tail, mean near 1.
    public let size: Double
    /// Quality level in [0, 1], near its district's.
    public let quality: Double
}

/// One simulated exporter: everything about it that does not change from period to period.
public struct SimEnterprise: Sendable, Hashable {
    public let traits: EnterpriseTraits
    /// Valid per GB 32100-2015: `91` + district code + `MA2` + six characters + check character.
    public let uscc: String
    /// 宁波 + district + trade name + industry + 有限公司.
    public let name: String

    public var index: Int { traits.index }
    public var districtIndex: Int { traits.districtIndex }
    public var industry: Industry { traits.industry }
    public var size: Double { traits.size }
    public var quality: Double { traits.quality }
}

/// Trade names and industry words for Chinese enterprise names.
enum EnterpriseNames {
    static let syllables: [String] = Array(
        "华丰盛达瑞鑫恒宏兴泰永金新博亿佳凯康联隆源通顺利德信诚安远航海天宇东方明光辉"
            .map(String.init))

    static let industryWords: [[String]] = [
        ["针织", "服饰", "纺织", "制衣", "服装", "织造"],
        ["汽车零部件", "汽配", "精密机械", "汽车部件", "轴承"],
        ["电器", "智能家电", "家用电器", "电子电器", "厨具电器"],
        ["包装", "印刷包装", "纸制品"],
        ["工贸", "实业", "文具", "塑料制品"],
    ]

    /// Typical products per industry, for sampling batches.
    static let products: [[String]] = [
        ["针织服装", "梭织服装", "羽绒服", "衬衫", "毛衫", "家纺制品"],
        ["刹车片", "轴承", "汽车灯具", "减震器", "汽车线束", "密封件"],
        ["电热水壶", "吹风机", "电饭煲", "空气净化器", "电暖器", "小家电"],
        ["纸箱", "塑料包装袋", "食品包装"],
        ["文具", "塑料制品", "灯具"],
    ]

    static func name(prefix: String, industry: Industry, hash: UInt64) -> String {
        let s = syllables
        let a = s[Int(hash % UInt64(s.count))]
        var b = s[Int((hash >> 8) % UInt64(s.count))]
        if b == a { b = s[(Int((hash >> 8) % UInt64(s.count)) + 1) % s.count] }
        let words = industryWords[industry.rawValue]
        let word = words[Int((hash >> 16) % UInt64(words.count))]
        let form = (hash >> 24) % 10 == 0 ? "股份有限公司" : "有限公司"
        return prefix + a + b + word + form
    }
}

extension World {
    /// The traits of enterprise `index` (0..<enterpriseCount), computed on demand.
    public func traits(_ index: Int) -> EnterpriseTraits {
        let i = UInt64(index)
        let d = districtIndex(ofEnterprise: index)
        let district = districts[d]
        let industry = Industry.allCases[
            SimRandom.pick(
                district.industryMix, u: SimHash.unit(SimHash.hash(seed, Stream.industry.rawValue, i)))]
        var rng = SimRandom(seed, Stream.size.rawValue, i)
        // Sizes follow a long tail: many small exporters, a few large ones.
        let size = (0.15 + 1.1 * -log(1 - rng.unit() * 0.92)).clamped(0.15, 6)
        let quality = (district.quality + (rng.unit() - 0.5) * 0.3).clamped(0.02, 0.99)
        return EnterpriseTraits(index: index, districtIndex: d, industry: industry, size: size, quality: quality)
    }

    /// The enterprise at `index` (0..<enterpriseCount), computed on demand.
    public func enterprise(_ index: Int) -> SimEnterprise {
        enterprise(traits(index))
    }

    /// The enterprise with `traits`: its code and name added.
    public func enterprise(_ traits: EnterpriseTraits) -> SimEnterprise {
        let district = districts[traits.districtIndex]
        let prefix = isNingbo ? "宁波" + district.shortName : district.shortName
        let name = EnterpriseNames.name(
            prefix: prefix, industry: traits.industry,
            hash: SimHash.hash(seed, Stream.name.rawValue, UInt64(traits.index)))
        return SimEnterprise(traits: traits, uscc: uscc(index: traits.index, districtCode: district.code), name: name)
    }

    /// `91` + district code + `MA2` + six base-31 characters of a permuted index + check character.
    ///
    /// The permutation (an affine map modulo 31⁶, whose factor is prime to 31) keeps codes unique
    /// for up to 887 million enterprises while making neighbours look unrelated.
    func uscc(index: Int, districtCode: String) -> String {
        let modulus: UInt64 = 887_503_681  // 31^6
        let offset = SimHash.hash(seed, Stream.uscc.rawValue, 0) % modulus
        var n = (UInt64(index) &* 104_729 &+ offset) % modulus
        var body = [Character](repeating: "0", count: 6)
        for k in stride(from: 5, through: 0, by: -1) {
            body[k] = USCCAlphabet.characters[Int(n % 31)]
            n /= 31
        }
        let first17 = "91" + districtCode + "MA2" + String(body)
        return first17 + String(USCC.checkCharacter(for: first17) ?? "0")
    }
}

/// The 31 characters of GB 32100-2015 codes (no I, O, S, V, Z).
enum USCCAlphabet {
    static let characters: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
}
