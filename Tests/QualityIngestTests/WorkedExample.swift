import Foundation
import Hummingbird
import QualityCore

/// `Fixtures/ingest`: the five sources of SPEC 9's worked example, and a bureau serving their bodies.
enum WorkedExample {
    static let period = Period(year: 2025)

    /// Route path → source id; bodies are `bodies/SOURCE.PAGE.json|csv`.
    static let routes: [(path: String, source: String, ext: String, contentType: String)] = [
        ("/jxj/enterprises", "jxj_registry", "json", "application/json; charset=utf-8"),
        ("/ciq/sampling", "ciq_sampling", "json", "application/json"),
        ("/scj/awards.csv", "scj_awards", "csv", "text/csv; charset=gb18030"),
        ("/scj/districts", "scj_districts", "json", "application/json"),
        ("/cz/payouts", "cz_payouts", "json", "application/json"),
    ]

    static func serve(_ router: Router<BasicRequestContext>, log: RequestLog) {
        for route in routes {
            router.get(RouterPath(route.path)) { request, _ -> Response in
                await log.append(request.uri.description)
                let page = request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1
                guard let body = try? Fixture.bytes("ingest/bodies/\(route.source).\(page).\(route.ext)") else {
                    return Response(status: .notFound)
                }
                return TestServer.response(body, contentType: route.contentType)
            }
        }
    }

    /// The sources of `Fixtures/ingest/config.yaml`, written in Swift, with `BUREAU_BASE` = `base`.
    static func sources(base: String) -> [SourceConfig] {
        var registry = SourceConfig(
            id: "jxj_registry", name: LocalizedText(zh: "经信局·企业名录", en: "Economy and IT bureau registry"),
            url: "\(base)/jxj/enterprises?period={period}", key: "uscc")
        registry.format = .json
        registry.records = "data.items"
        registry.entity = .enterprise
        registry.pagination = Pagination(pageParam: "page", sizeParam: "page_size", size: 3)
        registry.fields = [
            FieldSpec(fact: "name", path: "name"), FieldSpec(fact: "district", path: "district_code"),
            FieldSpec(fact: "industry", path: "industry"),
        ]

        var sampling = SourceConfig(
            id: "ciq_sampling", name: LocalizedText(zh: "检验检疫局·监督抽查", en: "Inspection bureau sampling"),
            url: "\(base)/ciq/sampling?from={period_start}&to={period_end}", key: "uscc")
        sampling.records = "items"
        sampling.idField = "batch_no"
        var sampled = FieldSpec(fact: "batches_sampled", path: "sampled", type: .number, combine: .sum)
        sampled.min = 0
        var passed = FieldSpec(fact: "batches_passed", path: "passed", type: .number, combine: .sum)
        passed.min = 0
        sampling.fields = [sampled, passed, FieldSpec(fact: "sampling_batches", combine: .count)]
        sampling.checks = ["batches_passed <= batches_sampled"]

        var awards = SourceConfig(
            id: "scj_awards", name: LocalizedText(zh: "市场监管局·质量荣誉", en: "Market supervision awards"),
            url: "\(base)/scj/awards.csv?year={period}", key: "统一社会信用代码")
        awards.format = .csv
        awards.encoding = .gb18030
        var awardField = FieldSpec(fact: "awards", path: "荣誉名称", combine: .set)
        awardField.map = [
            MapEntry(from: "中国出口质量安全示范企业", to: .string("cn_export_quality_demo")),
            MapEntry(from: "市级出口质量奖", to: .string("city_export_quality_award")),
        ]
        awards.fields = [awardField]

        var districts = SourceConfig(
            id: "scj_districts", name: LocalizedText(zh: "市场监管局·区县质量安全", en: "Market supervision district facts"),
            url: "\(base)/scj/districts?period={period}", key: "code")
        districts.entity = .district
        districts.fields = [FieldSpec(fact: "major_incidents", path: "major_incidents", type: .number)]

        var payouts = SourceConfig(
            id: "cz_payouts", name: LocalizedText(zh: "财政局·奖励发放记录", en: "Finance bureau payouts"),
            url: "\(base)/cz/payouts", key: "uscc")
        payouts.records = "rows"
        payouts.entity = .payout
        payouts.fields = [
            FieldSpec(fact: "program", path: "program"), FieldSpec(fact: "year", path: "year", type: .number),
            FieldSpec(fact: "granted_fen", path: "amount_fen", type: .number),
        ]
        return [registry, sampling, awards, districts, payouts]
    }

    static let districtCodes = ["330203", "330205", "330212"]
}
