import Foundation
import Logging
import QualityServer
import Synchronization
import Testing

/// `--log-format json`: one JSON object per line, with the level, label, message and metadata.
@Suite struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[[UInt8]]>([])
    }

    @Test func oneObjectPerLine() throws {
        let sink = Lines()
        var handler = JSONLogHandler(label: "qualityd") { line in sink.lines.withLock { $0.append(line) } }
        handler.metadata = ["config": "config.yaml"]
        let logger = Logger(label: "qualityd", factory: { _ in handler })
        logger.warning("source \"ciq\" failed:\nHTTP 500", metadata: ["source": "ciq_sampling", "attempts": "4"])
        logger.debug("not at the default level")

        let lines = sink.lines.withLock { $0 }
        try #require(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "qualityd")
        #expect(object["message"] as? String == "source \"ciq\" failed:\nHTTP 500")
        #expect(object["source"] as? String == "QualityServerTests")
        #expect(
            object["metadata"] as? [String: String] == [
                "config": "config.yaml", "source": "ciq_sampling", "attempts": "4",
            ])
        let time = try #require(object["time"] as? String)
        #expect(time.count == 24 && time.hasSuffix("Z"), "\(time)")
    }
}
