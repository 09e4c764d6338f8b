import Foundation
import QualityCore

/// Wall-clock timing, peak memory and the report every bench subcommand prints.
enum Measure {
    /// Seconds `body` took, and what it returned.
    static func time<T>(_ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
        let start = ContinuousClock.now
        let value = try body()
        let (s, atto) = (ContinuousClock.now - start).components
        return (Double(s) + Double(atto) / 1e18, value)
    }

    /// Runs `body` `runs` times; the seconds of each run and the last value.
    static func repeated<T>(_ runs: Int, _ body: () throws -> T) rethrows -> (seconds: [Double], value: T) {
        var seconds: [Double] = []
        var last = try time(body)
        seconds.append(last.seconds)
        for _ in 1..<max(runs, 1) {
            last = try time(body)
            seconds.append(last.seconds)
        }
        return (seconds, last.value)
    }

    /// A line of /proc/self/status in kB (`VmHWM`, `VmRSS`), or nil where there is no /proc.
    static func statusKB(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }

    /// Resets the peak RSS (VmHWM) to the current RSS, so a later reading is the peak of what follows.
    static func resetPeak() {
        FileManager.default.createFile(atPath: "/proc/self/clear_refs", contents: Data("5".utf8))
    }
}

/// Median, minimum and maximum of a few runs.
struct Stats {
    var median: Double
    var min: Double
    var max: Double
    var runs: Int

    init(_ values: [Double]) {
        let sorted = values.sorted()
        runs = sorted.count
        min = sorted.first ?? 0
        max = sorted.last ?? 0
        if sorted.isEmpty {
            median = 0
        } else if sorted.count % 2 == 1 {
            median = sorted[sorted.count / 2]
        } else {
            median = (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }
}

/// One JSON object on stdout: what the harness reads.
struct Report {
    private var writer = JSONWriter(style: .pretty(indent: 2))

    init() {
        writer.beginObject()
    }

    mutating func seconds(_ key: String, _ values: [Double]) {
        let stats = Stats(values)
        writer.key(key)
        writer.beginObject()
        for (name, value) in [("median", stats.median), ("min", stats.min), ("max", stats.max)] {
            writer.key(name)
            writer.number(value)
        }
        writer.key("runs")
        writer.integer(stats.runs)
        writer.endObject()
    }

    mutating func number(_ key: String, _ value: Double?) {
        writer.key(key)
        writer.number(value)
    }

    mutating func integer(_ key: String, _ value: Int?) {
        writer.key(key)
        writer.integer(value)
    }

    mutating func string(_ key: String, _ value: String?) {
        writer.key(key)
        writer.string(value)
    }

    /// Prints the object and a newline.
    mutating func print() {
        writer.endObject()
        FileHandle.standardOutput.write(Data(writer.bytes + [0x0A]))
    }
}

/// A bench failure: what could not be done, for stderr, exit 1.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func readBytes(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw BenchFailure("cannot read \(path)") }
    return [UInt8](data)
}
