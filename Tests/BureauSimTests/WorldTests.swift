import QualityCore
import Testing

@testable import BureauSim

@Suite struct WorldTests {
    static let queries: [String: String] = [
        "/jxj/enterprises": "period=2025&page=2&page_size=300",
        "/ciq/sampling": "from=2025-01-01&to=2025-12-31&page=3&page_size=500",
        "/ciq/returns": "period=2025&page=1&page_size=400",
        "/ciq/demo-enterprises": "period=2025",
        "/ciq/ccc-exemptions": "period=2025&page=1&page_size=400",
        "/sw/exports": "period=2025&page=5&page_size=1000",
        "/scj/awards.csv": "year=2025",
        "/scj/labs": "period=2025&page=1&page_size=100",
        "/scj/standards": "period=2025&page=1&page_size=100",
        "/scj/quality-issues": "period=2025&page=2&page_size=300",
        "/scj/incidents": "period=2025",
        "/scj/districts": "period=2025",
        "/cz/payouts": "",
    ]

    @Test func everyEndpointHasATestQuery() {
        #expect(Set(Self.queries.keys) == Set(Simulator.paths))
        #expect(Simulator.paths.count == 13)
    }

    @Test(arguments: Simulator.paths)
    func sameSeedAndPeriodGiveTheSameBytes(path: String) throws {
        let query = Self.queries[path] ?? ""
        let a = Simulator(world: World(seed: 7)).get(path + "?" + query)
        let b = Simulator(world: World(seed: 7)).get(path + "?" + query)
        #expect(a.status == 200)
        let bytes = a.body.collect()
        #expect(bytes.count > 20)
        #expect(bytes == b.body.collect())
        let otherSeed = Simulator(world: World(seed: 8)).get(path + "?" + query).body.collect()
        #expect(otherSeed != bytes)
    }

    @Test(arguments: Simulator.paths.filter { $0 != "/jxj/enterprises" && $0 != "/cz/payouts" })
    func anotherPeriodGivesOtherData(path: String) {
        let query = Self.queries[path] ?? ""
        let sim = Simulator(world: World())
        let y2025 = sim.get(path + "?" + query).body.collect()
        let y2024 = sim.get(path + "?" + query.replacing("2025", with: "2024")).body.collect()
        #expect(y2025 != y2024)
    }

    @Test func ningboEnterprisesHaveValidUniqueCodesAndChineseNames() {
        let world = World()
        #expect(
            world.districts.map(\.code) == [
                "330203", "330205", "330206", "330211", "330212", "330213", "330225", "330226", "330281", "330282",
            ])
        var seen = Set<String>()
        var perDistrict = [Int](repeating: 0, count: 10)
        var perIndustry: [Industry: Int] = [:]
        for i in 0..<world.enterpriseCount {
            let e = world.enterprise(i)
            let district = world.districts[e.districtIndex]
            #expect(USCC.isValid(e.uscc), "\(e.uscc)")
            #expect(e.uscc.hasPrefix("91" + district.code))
            #expect(e.name.hasPrefix("宁波" + district.shortName) && e.name.hasSuffix("有限公司"), "\(e.name)")
            seen.insert(e.uscc)
            perDistrict[e.districtIndex] += 1
            perIndustry[e.industry, default: 0] += 1
        }
        #expect(seen.count == 3000)
        // Yinzhou (16%) and Cixi (16%) are the largest, Zhenhai (6%) the smallest.
        #expect(perDistrict[4] > 400 && perDistrict[4] < 560)
        #expect(perDistrict[3] > 120 && perDistrict[3] < 240)
        #expect(perIndustry[.textile, default: 0] > 700)
        #expect(perIndustry[.autoParts, default: 0] > 500)
        #expect(perIndustry[.appliances, default: 0] > 700)
        #expect(perIndustry[.packaging, default: 0] > 50)
    }

    @Test func registryPagesEndWithAShortPage() throws {
        let sim = Simulator(world: World())
        for size in [1000, 700, 3000] {
            var page = 1
            var codes: [String] = []
            while true {
                let items = try sim.items(
                    "/jxj/enterprises?period=2025&page=\(page)&page_size=\(size)", at: "data.items")
                codes += items.compactMap { $0.string("uscc") }
                if items.count < size { break }
                page += 1
            }
            #expect(codes.count == 3000)
            #expect(Set(codes).count == 3000)
            #expect(page == 3000 / size + 1)
        }
        let data = try sim.json("/jxj/enterprises?period=2025&page=4&page_size=1000").value(atPath: "data")
        #expect(data?.value(atPath: "total")?.numberValue == 3000)
        #expect(data?.value(atPath: "page")?.numberValue == 4)
        #expect(data?.value(atPath: "items")?.arrayValue?.count == 0)
    }

    @Test func nationalScaleWorldPagesOnDemand() throws {
        let world = World(seed: 3, districts: 3000, enterprises: 1_000_000)
        #expect(world.districts.count == 3000)
        #expect(Set(world.districts.map(\.code)).count == 3000)
        #expect(world.districts[0].code == "900001" && world.districts[2999].code == "903000")
        #expect(world.districts[41].zh == "第42区" && world.districts[41].en == "District 42")
        let sim = Simulator(world: world)
        let last = try sim.items("/jxj/enterprises?period=2025&page=1000&page_size=1000", at: "data.items")
        #expect(last.count == 1000)
        #expect(try sim.items("/jxj/enterprises?period=2025&page=1001&page_size=1000", at: "data.items").isEmpty)
        let e = world.enterprise(999_999)
        #expect(USCC.isValid(e.uscc))
        #expect(e.uscc.hasPrefix("91" + world.districts[999_999 % 3000].code))
        #expect(last.last?.string("uscc") == e.uscc)
        // Deep pages of the drawn layouts are as cheap as the first.
        let sampling = try sim.items("/ciq/sampling?from=2025-12-01&to=2025-12-31&page=333&page_size=1000")
        #expect(sampling.count == 1000)
        #expect(try sim.json("/scj/districts?period=2025").arrayValue?.count == 3000)
    }

    @Test func aSyntheticDistrictFindsItsOwnEnterprises() {
        let world = World(seed: 1, districts: 50, enterprises: 1000)
        for d in [0, 7, 49] {
            let index = world.enterprise(inDistrict: d, key: 12345)
            #expect(index.map { world.districtIndex(ofEnterprise: $0) } == d)
        }
        let ningbo = World()
        let xiangshan = 6
        let index = ningbo.enterprise(inDistrict: xiangshan, key: 99)
        #expect(index.map { ningbo.districtIndex(ofEnterprise: $0) } == xiangshan)
        #expect(World(districts: 3).districts.map(\.zh) == ["海曙区", "江北区", "北仑区"])
    }
}
