/// `sampling` and `reports` sections for the worked example's three districts.
enum SamplingFixture {
    static let yaml = """

        sampling:
          risk_score: "3 * coalesce(returns, 0) + 2 * (coalesce(batches_sampled, 0) - coalesce(batches_passed, 0))"
          classes:
            - { id: A, name: { zh: 低风险, en: Low risk }, min_score: 0, ratio: 0.5 }
            - { id: D, name: { zh: 高风险, en: High risk }, min_score: 3, ratio: 1 }
          min_per_stratum: 1
          inspectors:
            - { id: H1, name: 张伟, district: "330203" }
            - { id: H2, name: 王芳, district: "330203" }
            - { id: J1, name: 李娜, district: "330205" }
            - { id: J2, name: 刘洋, district: "330205" }
            - { id: Y1, name: 陈静, district: "330212" }
            - { id: Y2, name: 杨磊, district: "330212", active: false }
        reports:
          - id: industry
            name: { zh: 行业质量分析报告, en: Industry quality analysis report }
            group_by: industry
            groups:
              textile: { zh: 纺织服装, en: Textiles }
            figures:
              - { id: enterprises, name: { zh: 企业数, en: Enterprises }, value: "count()" }
              - { id: batches_sampled, name: 抽检批次, value: "sum(batches_sampled)" }
              - { id: pass_rate, name: 合格率, unit: percent, value: "sum(batches_passed) / sum(batches_sampled) * 100" }
              - { id: with_returns, name: 有退运的企业, value: "count(returns > 0)" }
            trend: pass_rate
            compare: pass_rate

        """
}
