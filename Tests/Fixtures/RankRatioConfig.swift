extension TestFixtures {
    /// A config of three districts scored by `method: rank` (growth with rates and rest, labs with a
    /// step) and `method: ratio` (days, to the mean, lower is better), shared by the score table's and
    /// the district page's tests; `labsMissing` is the `missing` policy of labs (the default when nil).
    public static func rankRatioYAML(labsMissing: String? = nil) -> String {
        """
        version: 1
        districts:
          - { code: "330201", name: { zh: 甲区, en: Jia } }
          - { code: "330202", name: { zh: 乙区, en: Yi } }
          - { code: "330203", name: { zh: 丙区, en: Bing } }
        indicators:
          - { id: growth, name: { zh: 增速, en: Growth }, value: "growth" }
          - { id: days, name: { zh: 时长, en: Days }, direction: lower, value: "days" }
          - { id: labs, name: { zh: 实验室, en: Labs }, value: "labs" }
        scoring:
          total: 100
          dimensions:
            - id: all
              name: { zh: 全部, en: All }
              indicators:
                - { indicator: growth, weight: 40, method: rank, rates: [1, 0.9], rest: 0.5 }
                - { indicator: days, weight: 30, method: ratio, reference: mean }
                - { indicator: labs, weight: 30, method: rank, step: 0.25\(labsMissing.map { ", missing: \($0)" } ?? "") }
          grades:
            - { id: fail, name: 不合格, min: 0 }

        """
    }
}
