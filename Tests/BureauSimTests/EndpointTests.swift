import QualityCore
import Testing

@testable import BureauSim

@Suite struct EndpointTests {
    let sim = Simulator(world: World())

    @Test func aBearerTokenIsRequired() {
        let path = "/jxj/enterprises"
        #expect(sim.handle(SimRequest(path: path, query: "period=2025")).status == 401)
        #expect(sim.get(path + "?period=2025", token: "wrong").status == 401)
        let denied = sim.handle(SimRequest(path: path, query: "period=2025", authorization: "demo-bureau-token"))
        #expect(denied.status == 401)
        #expect(denied.extraHeaders.first?.name == "WWW-Authenticate")
        #expect(sim.get(path + "?period=2025").status == 200)
        // Requests turned away are not counted.
        #expect(sim.stats.requests[path] == 1)
    }

    @Test func unknownPathsAndBadQueriesAreAnswered() throws {
        #expect(sim.get("/jxj/nothing").status == 404)
        #expect(sim.get("/jxj/enterprises").status == 400)
        #expect(sim.get("/jxj/enterprises?period=2025&page=0").status == 400)
        #expect(sim.get("/jxj/enterprises?period=2025&page_size=10001").status == 400)
        #expect(sim.get("/ciq/returns?period=20x5").status == 400)
        #expect(sim.get("/ciq/sampling?from=2025-02-30&to=2025-03-01").status == 400)
        #expect(sim.get("/ciq/sampling?from=2025-06-01&to=2025-01-31").status == 400)
        let body = try JSONParser.parse(sim.get("/ciq/returns?period=20x5").body.collect())
        #expect(body.value(atPath: "code")?.numberValue == 400)
        #expect(body.value(atPath: "message")?.stringValue?.contains("period") == true)
    }

    @Test func registryItemsCarryTheReservedFacts() throws {
        let items = try sim.items("/jxj/enterprises?period=2025&page=1&page_size=5", at: "data.items")
        #expect(items.count == 5)
        let first = try #require(items.first)
        #expect(first.keys == ["uscc", "name", "district_code", "industry"])
        let e = sim.world.enterprise(0)
        #expect(first.string("uscc") == e.uscc)
        #expect(first.string("name") == e.name)
        #expect(first.string("district_code") == sim.world.districts[e.districtIndex].code)
        #expect(["textile", "auto_parts", "appliances", "packaging", "other"].contains(first.string("industry") ?? ""))
        #expect(try sim.json("/jxj/enterprises?period=2025").value(atPath: "code")?.numberValue == 0)
    }

    @Test func samplingCoversWholeMonthsAndPassesNeverExceedSamples() throws {
        let perMonth = DrawnLayout(groupSize: 12, perGroup: 4).total(enterprises: 3000)
        #expect(perMonth == 1000)
        let year = try sim.recordCount(path: "/ciq/sampling", query: ["from": "2025-01-01", "to": "2025-12-31"])
        let quarter = try sim.recordCount(path: "/ciq/sampling", query: ["from": "2025-07-01", "to": "2025-09-30"])
        let widened = try sim.recordCount(path: "/ciq/sampling", query: ["from": "2025-07-15", "to": "2025-08-02"])
        #expect(year == 12_000 && quarter == 3000 && widened == 2000)
        let items = try sim.items("/ciq/sampling?from=2025-07-01&to=2025-09-30&page=2&page_size=1000")
        #expect(items.count == 1000)
        for item in items {
            let sampled = try #require(item.int("sampled"))
            let passed = try #require(item.int("passed"))
            #expect(sampled >= 2 && passed >= 0 && passed <= sampled)
            #expect(item.string("batch_no")?.hasPrefix("CJ202508") == true)
            #expect(item.string("date")?.hasPrefix("2025-08-") == true)
        }
    }

    @Test func awardsAreGB18030CSVThatDecodesToChinese() throws {
        let response = sim.get("/scj/awards.csv?year=2025")
        #expect(response.contentType == "text/csv; charset=GB18030")
        let bytes = response.body.collect()
        // 统 is E7 BB 9F in UTF-8 and CD B3 in GB18030.
        #expect(Array(bytes.prefix(2)) == [0xCD, 0xB3])
        let text = try #require(GB18030.decode(bytes))
        let lines = text.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "统一社会信用代码,荣誉名称,年度")
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count > 60)
        let titles = Set(rows.map { $0[1] })
        #expect(titles == ["市级出口质量奖", "区级出口质量奖", "省级名牌产品", "浙江制造认证"])
        for row in rows {
            #expect(USCC.isValid(row[0]) && row[2] == "2025")
        }
    }

    @Test func incidentsAndDistrictFactsAgreeOnXiangshansMajorIncident() throws {
        let incidents = try sim.items("/scj/incidents?period=2026")
        let major = incidents.filter { $0.string("level") == "重大" }
        #expect(major.count == 1)
        #expect(major.first?.string("uscc")?.hasPrefix("91330225") == true)
        #expect(incidents.count > 5)
        #expect(incidents.allSatisfy { ["重大", "一般"].contains($0.string("level") ?? "") })
        let districts = try #require(try sim.json("/scj/districts?period=2026").arrayValue).compactMap(\.objectValue)
        #expect(districts.count == 10)
        for d in districts {
            #expect(d.int("major_incidents") == (d.string("code") == "330225" ? 1 : 0))
            #expect((d.int("complaints") ?? -1) >= 0)
        }
    }

    @Test func demonstrationListHoldsOnlyMembersSinceThatYear() throws {
        let y2026 = try sim.items("/ciq/demo-enterprises?period=2026")
        let y2015 = try sim.items("/ciq/demo-enterprises?period=2015")
        #expect(y2026.count > 10 && y2015.count < y2026.count)
        #expect(y2015.allSatisfy { ($0.int("since") ?? 9999) <= 2015 })
        #expect(y2026.allSatisfy { $0.string("title") == "中国出口质量安全示范企业" })
        #expect(
            try sim.json("/ciq/demo-enterprises?period=2026").value(atPath: "total")?.numberValue == Double(y2026.count)
        )
    }

    @Test func payoutsCoverThePastYearsOfThreePrograms() throws {
        let rows = try sim.items("/cz/payouts", at: "rows")
        #expect(rows.count > 50)
        #expect(Set(rows.compactMap { $0.string("program") }) == ["demo_enterprise", "lab_cnas", "city_award"])
        #expect(rows.allSatisfy { (2019...2025).contains($0.int("year") ?? 0) })
        #expect(rows.allSatisfy { ($0.int("amount_fen") ?? 0) > 0 && ($0.int("amount_fen") ?? 0) <= 20_000_000 })
    }

    @Test func labsStayTheSameWhileTheirActivityChanges() throws {
        let a = try sim.items("/scj/labs?period=2025&page=1&page_size=1000")
        let b = try sim.items("/scj/labs?period=2026&page=1&page_size=1000")
        #expect(a.count == 120 && b.count == 120)
        #expect(a.map { $0.string("uscc") } == b.map { $0.string("uscc") })
        #expect(a.map { $0.int("new_this_period") } != b.map { $0.int("new_this_period") })
        for lab in a {
            let new = lab.int("new_this_period")
            #expect(new == 0 || new == 1)
            #expect((new == 1) == ((lab.int("investment_yuan") ?? 0) > 0))
        }
    }

    @Test func statsStartEmptyAndCountRequests() throws {
        let empty = try JSONParser.parse(sim.get("/_sim/stats").body.collect())
        #expect(empty.value(atPath: "requests")?.objectValue?.count == 0)
        _ = sim.get("/ciq/returns?period=2025")
        _ = sim.get("/ciq/returns?period=2025&page=2")
        let stats = try JSONParser.parse(sim.get("/_sim/stats").body.collect())
        #expect(stats.value(atPath: "requests")?.objectValue?["/ciq/returns"]?.numberValue == 2)
    }
}
