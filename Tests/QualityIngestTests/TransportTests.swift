import Foundation
import Hummingbird
import QualityCore
import QualityIngest
import QualityRecords
import Testing

/// The file-drop transports through libcurl, against real servers: an SFTP drop (OpenSSH sshd),
/// an FTP drop (pyftpdlib) and a `file://` folder each serve the worked example's bodies (the
/// GB18030 CSV and the JSON bodies), and each pull gives exactly the snapshot of the HTTP pull of
/// the same bodies, which is the worked example's expected snapshot.
@Suite struct TransportTests {
    /// Source id → file name extension and the content type the HTTP bureau answers with.
    static let files: [(source: String, ext: String, contentType: String)] = [
        ("jxj_registry", "json", "application/json"),
        ("ciq_sampling", "json", "application/json"),
        ("scj_awards", "csv", "text/csv; charset=gb18030"),
        ("scj_districts", "json", "application/json"),
        ("cz_payouts", "json", "application/json"),
    ]

    /// The bodies as a bureau drops them: `ROOT/2025/SOURCE.EXT`, the registry's three pages as one file.
    static func writeDrop(_ root: URL) throws {
        let dir = root.appendingPathComponent("2025")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for file in files {
            let target = dir.appendingPathComponent("\(file.source).\(file.ext)")
            guard file.source == "jxj_registry" else {
                try Data(try Fixture.bytes("ingest/bodies/\(file.source).1.\(file.ext)")).write(to: target)
                continue
            }
            var items: [Any] = []
            for page in 1...3 {
                let body = Data(try Fixture.bytes("ingest/bodies/jxj_registry.\(page).json"))
                let root = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
                let data = try #require(root["data"] as? [String: Any])
                items += try #require(data["items"] as? [Any])
            }
            try JSONSerialization.data(withJSONObject: ["data": ["items": items]]).write(to: target)
        }
    }

    /// The worked example's sources reading `BASE/{period}/SOURCE.EXT` in one request each.
    static func sources(base: String, transport: SourceTransport? = nil) throws -> [SourceConfig] {
        try WorkedExample.config(base: "http://unused").sources.map { source in
            var source = source
            let ext = try #require(files.first { $0.source == source.id }).ext
            source.url = "\(base)/{period}/\(source.id).\(ext)"
            source.pagination = nil
            source.retries = 0
            source.timeout = 20
            source.connection.transport = transport
            return source
        }
    }

    /// Pulls `sources` once for 2025 through the daemon's fetcher; the snapshot and the outcomes.
    static func pull(_ sources: [SourceConfig], period: Period = WorkedExample.period) async throws -> (
        Snapshot, [SourcePullOutcome]
    ) {
        try await TestServer.withClient { client in
            let puller = try Puller(
                sources: sources, districts: ["330203", "330205", "330212"],
                fetcher: TransportFetcher(http: AsyncHTTPFetcher(client: client)))
            let outcomes = await puller.pullAll(period: period)
            let state = IngestState(sources: sources)
            await state.record(outcomes)
            return (await state.snapshot(period: period.description), outcomes)
        }
    }

    /// The drop's bodies over HTTP (`/2025/SOURCE.EXT`), with the content types a bureau sends.
    static func serveOverHTTP(_ root: URL) -> (Router<BasicRequestContext>) -> Void {
        { router in
            router.get(":period/:file") { _, context -> Response in
                let period = context.parameters.get("period") ?? ""
                let file = context.parameters.get("file") ?? ""
                let type = files.first { "\($0.source).\($0.ext)" == file }?.contentType ?? "text/plain"
                guard let data = FileManager.default.contents(atPath: root.path + "/\(period)/\(file)") else {
                    return Response(status: .notFound)
                }
                return TestServer.response([UInt8](data), contentType: type)
            }
        }
    }

    static func expectedSnapshot() throws -> Snapshot {
        let expectedRoot = try JSONParser.parse(try Fixture.bytes("ingest/expected-snapshot.json"))
        return try Snapshot(json: try #require(expectedRoot.value(atPath: "snapshot")))
    }

    static func text(_ snapshot: Snapshot) -> String {
        String(decoding: snapshot.json(style: .pretty(indent: 1)), as: UTF8.self)
    }

    /// Every source succeeded, and the snapshot is the HTTP pull's and the worked example's.
    static func expectSameAsHTTP(_ pulled: (Snapshot, [SourcePullOutcome]), drop: URL) async throws {
        let (snapshot, outcomes) = pulled
        for outcome in outcomes {
            #expect(outcome.result == .success, "\(outcome.sourceID): \(outcome.error ?? "")")
            #expect(outcome.attempts == 1)
        }
        #expect(outcomes.map(\.accepted) == [5, 6, 6, 3, 2])
        let (http, httpOutcomes) = try await TestServer.run(serveOverHTTP(drop)) { base in
            try await pull(try sources(base: base))
        }
        #expect(httpOutcomes.map(\.result) == Array(repeating: .success, count: 5))
        #expect(text(snapshot) == text(http))
        #expect(snapshot.sha256 == http.sha256)
        #expect(text(snapshot) == text(try expectedSnapshot()))
        #expect(snapshot.enterprises.count == 7)
    }

    @Test func fileDropGivesTheHTTPSnapshot() async throws {
        try await DropServers.withTempDirectory { dir in
            let drop = dir.appendingPathComponent("drop")
            try Self.writeDrop(drop)
            let pulled = try await Self.pull(try Self.sources(base: "file://\(drop.path)"))
            try await Self.expectSameAsHTTP(pulled, drop: drop)
        }
    }

    @Test func sftpDropGivesTheHTTPSnapshot() async throws {
        try await DropServers.withTempDirectory { dir in
            let drop = dir.appendingPathComponent("drop")
            try Self.writeDrop(drop)
            try await DropServers.withSSHD(in: dir) { port, key, knownHosts in
                let base = "sftp://\(DropServers.userName)@127.0.0.1:\(port)\(drop.path)"
                let sources = try Self.sources(base: base).map { source in
                    var source = source
                    source.connection.clientKey = key
                    source.connection.knownHosts = knownHosts
                    return source
                }
                let pulled = try await Self.pull(sources)
                try await Self.expectSameAsHTTP(pulled, drop: drop)

                // A host key that is not the one in known_hosts: refused, nothing read.
                try
                    "[127.0.0.1]:\(port) ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n"
                    .write(toFile: knownHosts, atomically: true, encoding: .utf8)
                let (_, refused) = try await Self.pull(Array(sources.prefix(1)))
                #expect(refused.map(\.result) == [.connectionError], "\(refused.map(\.error))")
            }
        }
    }

    @Test func ftpDropGivesTheHTTPSnapshot() async throws {
        try await DropServers.withTempDirectory { dir in
            let drop = dir.appendingPathComponent("drop")
            try Self.writeDrop(drop)
            try await DropServers.withFTPServer(root: drop, user: "bureau", password: "s3cret-pw") { port in
                let base = "ftp://bureau:s3cret-pw@127.0.0.1:\(port)"
                let pulled = try await Self.pull(try Self.sources(base: base))
                try await Self.expectSameAsHTTP(pulled, drop: drop)

                // A missing file (no drop for 2024) fails naming the URL, never the password.
                let (_, missing) = try await Self.pull(
                    Array(try Self.sources(base: base).prefix(1)), period: Period(year: 2024))
                let outcome = try #require(missing.first)
                #expect(outcome.result == .httpError)
                let error = outcome.error ?? ""
                #expect(error.contains("ftp://bureau:***@127.0.0.1:\(port)/2024/jxj_registry.json"), "\(error)")
                #expect(error.contains("no such file"), "\(error)")
                #expect(!error.contains("s3cret-pw"))

                // A wrong password is refused, and the message does not carry it either.
                let (_, denied) = try await Self.pull(
                    Array(try Self.sources(base: "ftp://bureau:wrong-pw@127.0.0.1:\(port)").prefix(1)))
                #expect(denied.map(\.result) == [.httpError], "\(denied.map(\.error))")
                #expect(denied.first?.error?.contains("wrong-pw") == false)
            }
        }
    }

    @Test func curlOverHTTPGivesTheSameSnapshot() async throws {
        try await DropServers.withTempDirectory { dir in
            let drop = dir.appendingPathComponent("drop")
            try Self.writeDrop(drop)
            let pulled = try await TestServer.run(Self.serveOverHTTP(drop)) { base in
                try await Self.pull(try Self.sources(base: base, transport: .curl))
            }
            try await Self.expectSameAsHTTP(pulled, drop: drop)
        }
    }

    /// A missing file for the period is a failed pull; the source keeps its last good data.
    @Test func missingFileKeepsTheLastGoodData() async throws {
        try await DropServers.withTempDirectory { dir in
            let drop = dir.appendingPathComponent("drop")
            try Self.writeDrop(drop)
            let sources = try Self.sources(base: "file://\(drop.path)").filter { $0.id == "scj_districts" }
            let state = IngestState(sources: sources)
            let (_, first) = try await Self.pull(sources)
            await state.record(first)
            try FileManager.default.removeItem(at: drop.appendingPathComponent("2025/scj_districts.json"))
            let (_, second) = try await Self.pull(sources)
            let outcome = try #require(second.first)
            #expect(outcome.result == .httpError)
            #expect(outcome.error?.contains("/2025/scj_districts.json") == true, "\(outcome.error ?? "")")
            await state.record(second)
            let snapshot = await state.snapshot(period: "2025")
            #expect(snapshot.districts.keys == ["330203", "330205", "330212"])
            #expect(snapshot.districts.value(row: 0, fact: "major_incidents") == .number(1))
            #expect(await state.statuses(now: Date()).map(\.stale) == [true])
        }
    }
}
