import Foundation
import Synchronization

/// The built `bureau-sim` running in the background on a free port, for end-to-end command tests.
final class BureauSimProcess: Sendable {
    let process: Process
    /// `127.0.0.1:PORT`, as printed by bureau-sim.
    let listen: String

    /// Starts bureau-sim on port 0 and waits (up to 30 s) for its `listening on` line.
    init(arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = CommandRunner.productsDirectory.appendingPathComponent("bureau-sim")
        process.arguments = ["--listen", "127.0.0.1:0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = out.fileHandleForReading
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        var address: String?
        while address == nil, Date() < deadline, process.isRunning {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: #"listening on http://[0-9.]+:[0-9]+"#, options: .regularExpression) {
                address = String(text[range].dropFirst("listening on http://".count))
            }
        }
        guard let address else {
            process.terminate()
            throw BureauSimError(message: "bureau-sim did not start: \(text)")
        }
        self.process = process
        self.listen = address
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

struct BureauSimError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
