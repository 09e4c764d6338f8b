/// How a bureau's records map onto enterprises so that record `r` can be found in O(1).
///
/// Three shapes cover every endpoint:
/// - `PerEnterpriseLayout`: k records per enterprise (yearly statistics, monthly exports).
/// - `DrawnLayout`: enterprises in groups of G; each group has T records, each drawn from the group
///   by weight (sampling batches, CCC applications, standards, quality issues). Per-enterprise
///   counts vary (often 0), yet the group of record r is simply r / T.
/// - `SparseSubset`: a few members per block of B enterprises (demonstration enterprises, awards,
///   incidents) for the lists that are not paginated; a membership test is O(candidates).
struct PerEnterpriseLayout {
    let perEnterprise: Int

    func total(enterprises: Int) -> Int { enterprises * perEnterprise }

    /// The enterprise and its record number (0..<perEnterprise) for record `r`.
    func locate(_ r: Int) -> (enterprise: Int, slot: Int) { (r / perEnterprise, r % perEnterprise) }
}

struct DrawnLayout {
    let groupSize: Int
    let perGroup: Int

    func groups(enterprises: Int) -> Int { (enterprises + groupSize - 1) / groupSize }

    /// Records of the last group, which may hold fewer than `groupSize` enterprises.
    private func lastGroupRecords(enterprises: Int) -> Int {
        let g = groups(enterprises: enterprises)
        guard g > 0 else { return 0 }
        let members = enterprises - (g - 1) * groupSize
        return max(1, (perGroup * members + groupSize - 1) / groupSize)
    }

    func total(enterprises: Int) -> Int {
        let g = groups(enterprises: enterprises)
        return g == 0 ? 0 : (g - 1) * perGroup + lastGroupRecords(enterprises: enterprises)
    }

    func locate(_ r: Int, enterprises: Int) -> (group: Int, slot: Int) {
        let g = min(r / perGroup, groups(enterprises: enterprises) - 1)
        return (g, r - g * perGroup)
    }

    func members(ofGroup g: Int, enterprises: Int) -> Range<Int> {
        (g * groupSize)..<min((g + 1) * groupSize, enterprises)
    }
}

/// Draws records' enterprises from a `DrawnLayout`, keeping the weights of the last group seen
/// (records of one group are consecutive, so a page computes each group's weights once).
struct GroupPicker {
    let world: World
    let layout: DrawnLayout
    let stream: Stream
    let key: UInt64
    let weight: (EnterpriseTraits) -> Double
    private var group = -1
    private var members: [EnterpriseTraits] = []
    private var weights: [Double] = []

    init(
        world: World, layout: DrawnLayout, stream: Stream, key: UInt64, weight: @escaping (EnterpriseTraits) -> Double
    ) {
        self.world = world
        self.layout = layout
        self.stream = stream
        self.key = key
        self.weight = weight
    }

    /// The enterprise of record `r`.
    mutating func enterprise(forRecord r: Int) -> SimEnterprise {
        let (g, slot) = layout.locate(r, enterprises: world.enterpriseCount)
        if g != group {
            group = g
            members = layout.members(ofGroup: g, enterprises: world.enterpriseCount).map(world.traits)
            weights = members.map(weight)
        }
        let u = SimHash.unit(SimHash.hash(world.seed, stream.rawValue, key, UInt64(g), UInt64(slot)))
        return world.enterprise(members[SimRandom.pick(weights, u: u)])
    }
}

struct SparseSubset {
    let blockSize: Int
    let candidates: Int
    let stream: Stream

    func blocks(enterprises: Int) -> Int { (enterprises + blockSize - 1) / blockSize }

    /// The members of block `b`, in index order: up to `candidates` enterprises of the block, each
    /// kept with probability `accept(enterprise)`.
    func members(
        ofBlock b: Int, world: World, key: UInt64, accept: (EnterpriseTraits) -> Double
    ) -> [SimEnterprise] {
        let start = b * blockSize
        let length = min(blockSize, world.enterpriseCount - start)
        guard length > 0 else { return [] }
        var offsets: [Int] = []
        for j in 0..<candidates {
            let h = SimHash.hash(world.seed, stream.rawValue, key, UInt64(b), UInt64(j))
            let offset = Int(h % UInt64(length))
            guard !offsets.contains(offset) else { continue }
            let e = world.traits(start + offset)
            if SimHash.unit(SimHash.mix(h ^ 0xACCE_0000)) < accept(e) { offsets.append(offset) }
        }
        return offsets.sorted().map { world.enterprise(start + $0) }
    }

    /// Whether enterprise `index` is a member.
    func contains(
        _ index: Int, world: World, key: UInt64, accept: (EnterpriseTraits) -> Double
    ) -> Bool {
        members(ofBlock: index / blockSize, world: world, key: key, accept: accept).contains { $0.index == index }
    }
}
