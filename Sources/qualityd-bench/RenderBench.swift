import ArgumentParser
import Foundation
import NIOCore
import QualityConfig
import QualityCore
import QualityServer

/// `qualityd-bench render`: what follows a result change or a restart for `/metrics`: parsing a
/// stored result and rebuilding its explanation, rendering its domain families, then the operational
/// part joined and gzipped.
struct RenderBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Time parsing a stored result and rendering its exposition.")

    @OptionGroup var options: BenchOptions
    @OptionGroup var result: StoredResultOption

    func run() throws {
        let loaded = try options.load()
        let config = loaded.config
        let bytes = try result.bytes()
        let parse = try Measure.repeated(options.runs) { try AssessmentResult.parse(json: bytes) }
        let parsed = parse.value
        // After a restart the daemon rebuilds the scoring explanation, which the JSON does not hold.
        let explain = Measure.repeated(options.runs) { loaded.model.explained(parsed) }
        let domain = Measure.repeated(options.runs) {
            DomainExposition.render(
                config: config, result: parsed, enterpriseSeries: config.metrics.enterpriseSeries)
        }
        let cache = MetricsCache(operational: OperationalMetrics())
        cache.operational.configure(sources: config.sources.map(\.id))
        let publish = Measure.repeated(options.runs) { cache.publish(domain: domain.value) }
        let total = zip(domain.seconds, publish.seconds).map { $0 + $1 }
        let body = cache.body
        let plain = Array(buffer: body.plain)
        var series = 0
        for line in plain.split(separator: 0x0A) where line.first != UInt8(ascii: "#") { series += 1 }

        var report = Report()
        report.integer("result_bytes", bytes.count)
        report.integer("domain_bytes", domain.value.count)
        // Optimisations of the render must keep these bytes.
        report.string("domain_sha256", SHA256.hex(domain.value))
        report.integer("body_bytes", plain.count)
        report.integer("gzip_bytes", body.gzip?.readableBytes)
        report.integer("series", series)
        report.seconds("result_parse_s", parse.seconds)
        report.seconds("result_explain_s", explain.seconds)
        report.seconds("domain_render_s", domain.seconds)
        report.seconds("publish_s", publish.seconds)
        report.seconds("render_total_s", total)
        report.integer("peak_rss_kb", Measure.statusKB("VmHWM"))
        report.print()
    }
}
