import QualityCore

extension DistrictExplanationJSON {
    /// What the engine resolved for one indicator, its keys by method: target: floor and target;
    /// minmax: the range it used; bands: the bands in the order they were tried and the one that
    /// matched; rank: the district's rank and the rates (or step); ratio: the reference value and how
    /// it was taken. An indicator the engine did not score has `{}`.
    enum Parameters: Encodable {
        struct Target: Encodable {
            var floor: Double
            var target: Double
        }

        struct MinMax: Encodable {
            @Nullable var min: Double?
            @Nullable var max: Double?
        }

        struct Bands: Encodable {
            /// A band's bound is its `min` when higher is better, its `max` when lower is.
            struct Band: Encodable {
                @Nullable var min: Double?
                @Nullable var max: Double?
                var score: Double
            }
            var bands: [Band]
            @Nullable var matched: Int?
        }

        /// `rates` and `rest`, or `step`, as the rule has them.
        struct Rank: Encodable {
            @Nullable var rank: Int?
            var districtsWithValue: Int
            var rates: [Double]?
            var rest: Double?
            var step: Double?
        }

        struct Ratio: Encodable {
            var reference: String
            @Nullable var referenceValue: Double?
            var districtsWithValue: Int
        }

        struct None: Encodable {}

        case none(None)
        case target(Target)
        case minmax(MinMax)
        case bands(Bands)
        case rank(Rank)
        case ratio(Ratio)

        init(_ resolved: ResolvedIndicator?, _ r: IndicatorResult?) {
            guard let resolved else {
                self = .none(None())
                return
            }
            let n = resolved.districtsWithValue
            switch resolved.method {
            case .target(let floor, let target):
                self = .target(Target(floor: floor, target: target))
            case .minmax(let range):
                self = .minmax(MinMax(min: range?.min, max: range?.max))
            case .bands(let bands):
                let (higher, lower) = (resolved.direction == .higher, resolved.direction == .lower)
                self = .bands(
                    Bands(
                        bands: bands.map {
                            Bands.Band(min: higher ? $0.bound : nil, max: lower ? $0.bound : nil, score: $0.score)
                        }, matched: r?.band))
            case .rank(.rates(let rates, let rest)):
                self = .rank(Rank(rank: r?.rank, districtsWithValue: n, rates: rates, rest: rest))
            case .rank(.step(let step)):
                self = .rank(Rank(rank: r?.rank, districtsWithValue: n, step: step))
            case .ratio(let reference, let value):
                self = .ratio(Ratio(reference: reference.rawValue, referenceValue: value, districtsWithValue: n))
            }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .none(let p): try p.encode(to: encoder)
            case .target(let p): try p.encode(to: encoder)
            case .minmax(let p): try p.encode(to: encoder)
            case .bands(let p): try p.encode(to: encoder)
            case .rank(let p): try p.encode(to: encoder)
            case .ratio(let p): try p.encode(to: encoder)
            }
        }
    }
}
