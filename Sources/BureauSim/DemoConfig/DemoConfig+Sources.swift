import QualityCore

extension DemoConfig {
    /// One source per bureau endpoint, mapping exactly the fields the simulator sends.
    /// Every field that a `negative` fault can spoil has `min: 0`, so each record fault is rejected
    /// with its own reason (bad_uscc → invalid_uscc, negative → range, bad_type → type,
    /// passed_gt_sampled → check, duplicate → duplicate).
    var sources: [SourceConfig] {
        [
            source(
                "jxj_registry", "经信局·企业名录", "Economy and IT bureau: enterprise registry",
                "/jxj/enterprises?period={period}", records: "data.items", page: 1000, interval: 3600,
                fields: [field("name"), field("district", "district_code"), field("industry")]),
            source(
                "ciq_sampling", "检验检疫局·监督抽查", "Inspection bureau: supervisory sampling",
                "/ciq/sampling?from={period_start}&to={period_end}", page: 1000, idField: "batch_no",
                fields: [
                    field("batches_sampled", "sampled", .number, .sum, min: 0),
                    field("batches_passed", "passed", .number, .sum, min: 0),
                    field("sampling_batches", combine: .count),
                ], checks: ["batches_passed <= batches_sampled"]),
            source(
                "ciq_returns", "检验检疫局·退运与国外通报", "Inspection bureau: returns and foreign notifications",
                "/ciq/returns?period={period}", page: 1000,
                fields: [
                    field("returns", "returned_batches", .number, .sum, min: 0),
                    field("notifications", "foreign_notifications", .number, .sum, min: 0),
                ]),
            source(
                "ciq_demo_enterprises", "检验检疫局·出口质量安全示范企业", "Inspection bureau: demonstration enterprises",
                "/ciq/demo-enterprises?period={period}", interval: 86400,
                fields: [field("demo_enterprise", combine: .count)]),
            source(
                "ciq_ccc_exemptions", "检验检疫局·CCC免办", "Inspection bureau: CCC exemptions",
                "/ciq/ccc-exemptions?period={period}", page: 1000, idField: "application_no",
                fields: [
                    field("ccc_applications", combine: .count),
                    field("ccc_days_total", "processing_days", .number, .sum, min: 0),
                ]),
            source(
                "sw_exports", "商务局·出口额", "Commerce bureau: exports", "/sw/exports?period={period}", page: 5000,
                fields: [field("export_value_usd", "export_value_usd", .number, .sum, min: 0)]),
            awardsSource,
            source(
                "scj_labs", "市场监管局·企业实验室", "Market supervision: enterprise labs", "/scj/labs?period={period}",
                page: 1000, idField: "lab_id",
                fields: [
                    field("cnas_labs", combine: .count),
                    field("cnas_labs_new", "new_this_period", .number, .sum, min: 0),
                    field("lab_investment_yuan", "investment_yuan", .number, .sum, min: 0),
                ]),
            standardsSource,
            source(
                "scj_quality_issues", "市场监管局·春雨行动质量问题", "Market supervision: Spring Rain quality issues",
                "/scj/quality-issues?period={period}", page: 1000,
                fields: [
                    field("issues_found", "issues_found", .number, .sum, min: 0),
                    field("issues_rectified", "issues_rectified", .number, .sum, min: 0),
                ], checks: ["issues_rectified <= issues_found"]),
            source(
                "scj_incidents", "市场监管局·质量安全事故", "Market supervision: quality safety incidents",
                "/scj/incidents?period={period}", idField: "incident_no",
                fields: [
                    field(
                        "major_incidents", "level", .number, .sum,
                        map: [MapEntry(from: "重大", to: .number(1)), MapEntry(from: "一般", to: .number(0))])
                ]),
            source(
                "scj_districts", "市场监管局·区县质量安全", "Market supervision: district quality safety",
                "/scj/districts?period={period}", records: nil, entity: .district, key: "code",
                fields: [
                    field("major_incidents", "major_incidents", .number, .last, min: 0),
                    field("complaints", "complaints", .number, .last, min: 0),
                ]),
            source(
                "cz_payouts", "财政局·奖励发放记录", "Finance bureau: reward payouts", "/cz/payouts", records: "rows",
                entity: .payout, interval: 3600, maxBytes: 64 << 20,
                fields: [
                    field("program"), field("year", "year", .number),
                    field("granted_fen", "amount_fen", .number, min: 0),
                ]),
        ]
    }

    private var awardsSource: SourceConfig {
        var s = source(
            "scj_awards", "市场监管局·质量荣誉", "Market supervision: quality honours", "/scj/awards.csv?year={period}",
            records: nil, key: "统一社会信用代码",
            fields: [
                field(
                    "awards", "荣誉名称", combine: .set,
                    map: [
                        MapEntry(from: "市级出口质量奖", to: .string("city_export_quality_award")),
                        MapEntry(from: "区级出口质量奖", to: .string("district_export_quality_award")),
                        MapEntry(from: "省级名牌产品", to: .string("provincial_brand")),
                        MapEntry(from: "浙江制造认证", to: .string("zhejiang_made")),
                    ])
            ])
        s.format = .csv
        s.encoding = .gb18030
        return s
    }

    private var standardsSource: SourceConfig {
        source(
            "scj_standards", "市场监管局·主导制修订标准", "Market supervision: standards led",
            "/scj/standards?period={period}", page: 1000, idField: "standard_no",
            fields: [
                field("standards_led", combine: .count),
                // The reward per standard depends on its level (国际 > 国家 > 行业 > 团体).
                field(
                    "standards_award_yuan", "level", .number, .sum,
                    map: [
                        MapEntry(from: "国际", to: .number(200_000)), MapEntry(from: "国家", to: .number(100_000)),
                        MapEntry(from: "行业", to: .number(50_000)), MapEntry(from: "团体", to: .number(20_000)),
                    ]),
            ])
    }

    private func source(
        _ id: String, _ zh: String, _ en: String, _ pathAndQuery: String, records: String? = "items",
        entity: EntityKind = .enterprise, key: String = "uscc", page: Int? = nil, idField: String? = nil,
        interval: Double = 900, maxBytes: Int = 16 << 20, fields: [FieldSpec], checks: [ExpressionSource] = []
    ) -> SourceConfig {
        var s = SourceConfig(
            id: id, name: LocalizedText(zh: zh, en: en), url: "${BUREAU_BASE:-\(listen.baseURL)}\(pathAndQuery)",
            key: key)
        s.format = .json
        s.records = records
        s.entity = entity
        s.idField = idField
        s.fields = fields
        s.checks = checks
        s.headers = [Header(name: "Authorization", value: "Bearer ${BUREAU_TOKEN:-\(token)}")]
        s.pagination = page.map { Pagination(pageParam: "page", sizeParam: "page_size", size: $0) }
        s.interval = interval
        s.timeout = 10
        s.retries = 3
        s.maxBytes = maxBytes
        return s
    }

    private func field(
        _ fact: String, _ path: String? = nil, _ type: FieldType? = nil, _ combine: Combine = .last,
        combine explicitCombine: Combine? = nil, min: Double? = nil, map: [MapEntry]? = nil
    ) -> FieldSpec {
        var f = FieldSpec(fact: fact, path: path, type: type, combine: explicitCombine ?? combine)
        f.min = min
        f.map = map
        return f
    }
}
