import ArgumentParser
import Foundation
import QualityCore

#if canImport(Glibc)
    import Glibc
#endif

/// Exit codes of docs/SEMANTICS.md §2.
enum ExitStatus: Int32 {
    case success = 0
    /// Invalid input: config, snapshot.
    case invalidInput = 1
    case usage = 2
    case runtime = 3
}

/// A command's failure: the lines to print on stderr and the exit code.
struct CommandFailure: Error {
    var code: ExitStatus
    var lines: [String]

    init(_ code: ExitStatus, _ lines: [String]) {
        self.code = code
        self.lines = lines
    }

    init(_ code: ExitStatus, _ line: String) {
        self.init(code, [line])
    }

    static func config(_ errors: ConfigErrors) -> CommandFailure {
        CommandFailure(.invalidInput, errors.issues.map(\.description))
    }

    func report() {
        for line in lines { printError(line) }
    }
}

func printError(_ message: String) {
    var text = message
    if !text.hasSuffix("\n") { text += "\n" }
    FileHandle.standardError.write(Data(text.utf8))
}

func terminate(_ code: Int32) -> Never {
    Glibc.exit(code)
}
