import QualityCore

/// 经信局 (Economy and IT bureau): the enterprise registry.
///
/// `GET /jxj/enterprises?period=&page=&page_size=` →
/// `{"code":0,"data":{"items":[{"uscc","name","district_code","industry"}],"page":N,"page_size":S,"total":T}}`.
/// Feeds the reserved facts name, district and industry. The registry is the same in every period:
/// enterprises keep their identity from year to year, only their results change.
enum Registry {
    static let enterprises = Endpoint(path: "/jxj/enterprises", shape: .registry, paginated: true) {
        world, query throws(SimError) in
        _ = try query.period()
        return .indexed(total: world.enterpriseCount) {
            { r in
                let e = world.enterprise(r)
                return Record([
                    ("uscc", .string(e.uscc)),
                    ("name", .string(e.name)),
                    ("district_code", .string(world.districts[e.districtIndex].code)),
                    ("industry", .string(e.industry.id)),
                ])
            }
        }
    }

    static let endpoints = [enterprises]
}
