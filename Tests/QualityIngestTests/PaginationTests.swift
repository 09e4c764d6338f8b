import Foundation
import Hummingbird
import QualityCore
import QualityIngest
import QualityRecords
import Synchronization
import Testing

@Suite struct PaginationTests {
    static let codes = [
        "91330203MA000001XP", "91330203MA000002XQ", "91330205MA000003XN", "91330205MA000004XP", "91330212MA000005XW",
    ]

    /// Serves `codes` in pages of `page_size`; `total` records in all (cycling the codes), or endless.
    static func routes(_ router: Router<BasicRequestContext>, log: RequestLog, total: Int?) {
        router.get("registry") { request, _ -> Response in
            await log.append(request.uri.description)
            let page = request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 0
            let size = request.uri.queryParameters.get("page_size").flatMap { Int($0) } ?? 0
            let start = (page - 1) * size
            let end = total.map { min($0, start + size) } ?? start + size
            let items = (max(0, start)..<max(start, end)).map { i in
                #"{"uscc": "\#(codes[i % codes.count])", "n": \#(i)}"#
            }
            return TestServer.response(#"{"data": {"items": [\#(items.joined(separator: ","))]}}"#)
        }
    }

    func pull(total: Int?, size: Int, maxPages: Int = 100) async throws -> (SourcePullOutcome, [String]) {
        let log = RequestLog()
        return try await TestServer.run({ Self.routes($0, log: log, total: total) }) { base in
            try await TestServer.withClient { client in
                var source = Make.source(
                    "registry", url: "\(base)/registry?period={period}", records: "data.items",
                    fields: [Make.field("n", type: .number, combine: .sum), Make.field("rows", combine: .count)])
                source.pagination = Pagination(pageParam: "page", sizeParam: "page_size", size: size)
                let puller = try Puller(
                    sources: [source], districts: [], fetcher: AsyncHTTPFetcher(client: client), maxPages: maxPages)
                let outcome = try #require(await puller.pull(source: "registry", period: Period(year: 2025)))
                return (outcome, await log.requests)
            }
        }
    }

    @Test func stopsAtTheFirstShortPage() async throws {
        let (outcome, requests) = try await pull(total: 5, size: 2)
        #expect(outcome.result == .success)
        #expect(outcome.pages == 3)
        #expect(
            requests == [
                "/registry?period=2025&page=1&page_size=2", "/registry?period=2025&page=2&page_size=2",
                "/registry?period=2025&page=3&page_size=2",
            ])
        #expect(outcome.accepted == 5)
        #expect(outcome.data?.value(key: Self.codes[4], fact: "n") == .number(4))
    }

    @Test func anEmptyPageEndsAnExactMultiple() async throws {
        let (outcome, requests) = try await pull(total: 10, size: 5)
        #expect(outcome.result == .success)
        #expect(requests.count == 3)
        #expect(outcome.pages == 3)
        // Records 0…9 cycle over five codes: each code twice, n = i + (i + 5).
        #expect(outcome.data?.value(key: Self.codes[1], fact: "n") == .number(1 + 6))
        #expect(outcome.data?.value(key: Self.codes[1], fact: "rows") == .number(2))
    }

    @Test func progressReportsPagesAndRecords() async throws {
        let log = RequestLog()
        let reports = ProgressLog()
        try await TestServer.run({ Self.routes($0, log: log, total: 7) }) { base in
            try await TestServer.withClient { client in
                var source = Make.source("registry", url: "\(base)/registry", records: "data.items")
                source.pagination = Pagination(size: 3)
                let puller = try Puller(sources: [source], districts: [], fetcher: AsyncHTTPFetcher(client: client))
                _ = await puller.pullAll(period: Period(year: 2025)) { reports.append($0) }
            }
        }
        #expect(reports.all.map(\.pages) == [1, 2, 3, 3])
        #expect(reports.all.map(\.records) == [3, 6, 7, 7])
        #expect(reports.all.map(\.result) == [nil, nil, nil, .success])
    }

    @Test func endlessSourceHitsThePageGuard() async throws {
        let (outcome, requests) = try await pull(total: nil, size: 2, maxPages: 4)
        #expect(outcome.result == .tooLarge)
        #expect(requests.count == 4)
        #expect(outcome.data == nil)
        #expect(outcome.error?.contains("more than 4 pages") == true)
    }

    @Test func pageURLs() {
        let p = Pagination(pageParam: "p", sizeParam: "n", size: 50)
        #expect(Puller.pageURL("http://h/a", page: 2, pagination: p) == "http://h/a?p=2&n=50")
        #expect(Puller.pageURL("http://h/a?x=1", page: 1, pagination: p) == "http://h/a?x=1&p=1&n=50")
        #expect(Puller.pageURL("http://h/a?", page: 1, pagination: p) == "http://h/a?p=1&n=50")
        #expect(Puller.pageURL("http://h/a?x=1", page: 1, pagination: nil) == "http://h/a?x=1")
    }
}

/// Progress reports, collected from concurrent callbacks.
final class ProgressLog: Sendable {
    private let reports = Mutex<[PullProgress]>([])

    func append(_ report: PullProgress) { reports.withLock { $0.append(report) } }

    var all: [PullProgress] { reports.withLock { $0 } }
}
