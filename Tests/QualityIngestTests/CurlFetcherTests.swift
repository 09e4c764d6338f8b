import Foundation
import Hummingbird
import QualityCore
import QualityIngest
import QualityRecords
import Testing

/// libcurl's blocking transfers run on threads of their own: many stalled transfers leave Swift's
/// cooperative pool free, and cancelling the waiting task aborts the transfer at once.
@Suite struct CurlFetcherTests {
    static func slow(_ router: Router<BasicRequestContext>) {
        router.get("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(5))
            return TestServer.response("[]")
        }
    }

    static func request(_ base: String, timeout: Double = 10) -> FetchRequest {
        var request = FetchRequest(url: "\(base)/slow", timeout: timeout)
        request.transport = .curl
        return request
    }

    @Test func stalledTransfersLeaveTheCooperativePoolFree() async throws {
        try await TestServer.run(Self.slow) { base in
            let fetcher = CurlFetcher()
            let finished = FinishedCount()
            // Four times as many stalled transfers as the pool has threads. Were they to hold the
            // pool's threads, the probe below could only run once some of them had finished.
            let transfers = 4 * ProcessInfo.processInfo.activeProcessorCount
            let finishedBeforeProbe = try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<transfers {
                    group.addTask {
                        _ = try? await fetcher.fetch(Self.request(base))
                        await finished.add()
                        return nil
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(300))  // let the transfers start
                    await withTaskGroup(of: Void.self) { inner in
                        for _ in 0..<20 { inner.addTask { _ = (0..<1000).reduce(0, +) } }
                    }
                    return await finished.value
                }
                var measured: Int?
                while let result = try await group.next() {
                    if let result {
                        measured = result
                        group.cancelAll()
                    }
                }
                return try #require(measured)
            }
            #expect(finishedBeforeProbe == 0, "the probe waited for \(finishedBeforeProbe) stalled transfers to end")
        }
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        try await TestServer.run(Self.slow) { base in
            let task = Task { () -> FetchError? in
                do {
                    _ = try await CurlFetcher().fetch(Self.request(base))
                    return nil
                } catch let error as FetchError {
                    return error
                } catch {
                    return nil
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let error = await task.value
            #expect(error?.result == .connectionError)
            // Had the transfer run on, the server's answer would have come back as a success.
            #expect(error?.message == "cancelled")
        }
    }

    @Test func fileBodyOverTheCapIsTooLarge() async throws {
        try await DropServers.withTempDirectory { dir in
            let file = dir.appendingPathComponent("big.json")
            try Data(repeating: UInt8(ascii: " "), count: 10_000).write(to: file)
            var request = FetchRequest(url: "file://\(file.path)", maxBytes: 4000)
            request.transport = .curl
            await #expect(throws: FetchError(.tooLarge, "body exceeds max_bytes 4000")) {
                try await CurlFetcher().fetch(request)
            }
        }
    }

    @Test func passwordsAreRedacted() {
        #expect(Redaction.url("sftp://drop:p%40ss@host:22/a/{period}.csv") == "sftp://drop:***@host:22/a/{period}.csv")
        #expect(Redaction.url("ftp://anonymous@host/a") == "ftp://anonymous@host/a")
        #expect(Redaction.url("https://host/a?x=user:pw@b") == "https://host/a?x=user:pw@b")
        #expect(
            Redaction.scrub("proxy http://u:secret@p:3128 said no", passwordsOf: ["http://u:secret@p:3128"])
                == "proxy http://u:***@p:3128 said no")
    }
}

/// How many transfers have returned.
private actor FinishedCount {
    var value = 0
    func add() { value += 1 }
}
