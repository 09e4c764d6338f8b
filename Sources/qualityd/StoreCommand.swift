import ArgumentParser
import Foundation
import QualityConfig
import QualityStore

/// `qualityd store`: moving a store between SQLite and PostgreSQL, and checking what it holds.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Copy a store between SQLite and PostgreSQL (迁移数据库), or print its table digests.",
        subcommands: [StoreCopyCommand.self, StoreDigestCommand.self]
    )
}

/// `qualityd store copy --from A --to B`: every table of A's store into B's, which must be empty
/// (never merged, never overwritten: a target with rows is refused whatever the flags); then the row
/// counts and SHA-256 of each table on both sides, exit 1 on any difference.
struct StoreCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every table of one config's store into another config's empty store, then compare them."
    )

    @Option(help: "The config whose store is copied.")
    var from: String

    @Option(help: "The config whose store receives the copy; it must be empty.")
    var to: String

    func run() async throws {
        let source = try await openStore(ConfigOptions.load(path: from), mustExist: true)
        let target = try await openStore(ConfigOptions.load(path: to), mustExist: false)
        let started = ContinuousClock.now
        try await storeCall { () async throws(StoreError) in try await StoreCopy.copy(from: source, to: target) }
        let copied = ContinuousClock.now - started
        let before = try await storeCall { () async throws(StoreError) in try await StoreCopy.digests(of: source) }
        let after = try await storeCall { () async throws(StoreError) in try await StoreCopy.digests(of: target) }
        let seconds = Double(copied.components.seconds) + Double(copied.components.attoseconds) / 1e18
        print("\(source.location) -> \(target.location): copied in \(String(format: "%.2f", seconds)) s")
        print(StoreDigestCommand.table(before, after))
        let mismatched = zip(before, after).filter { $0 != $1 }.map(\.0.table)
        guard mismatched.isEmpty else {
            throw CommandFailure(
                .invalidInput, "the copy differs from its source in \(mismatched.joined(separator: ", "))")
        }
        printError(
            "\(before.count) tables, \(before.reduce(0) { $0 + $1.rows }) rows copied; every count and digest matches")
    }
}

/// `qualityd store digest`: each table's row count and SHA-256, to compare two stores by hand.
struct StoreDigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print the row count and SHA-256 of every table of the config's store."
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let (_, store) = try await options.loadWithStore()
        let digests = try await storeCall { () async throws(StoreError) in try await StoreCopy.digests(of: store) }
        print(store.location)
        print(Self.table(digests, nil))
    }

    /// One line per table: rows and digest, and the other side's when given (`=` where they agree).
    static func table(_ left: [StoreCopy.TableDigest], _ right: [StoreCopy.TableDigest]?) -> String {
        let width = max(5, left.map(\.table.count).max() ?? 0)
        func pad(_ text: String, _ count: Int) -> String {
            text + String(repeating: " ", count: max(0, count - text.count))
        }
        func number(_ n: Int) -> String {
            let text = String(n); return String(repeating: " ", count: max(0, 8 - text.count)) + text
        }
        var lines = [pad("table", width) + "      rows  sha256" + (right == nil ? "" : "  (copy)")]
        for (index, digest) in left.enumerated() {
            var line = pad(digest.table, width) + "  " + number(digest.rows) + "  " + digest.sha256
            if let other = right?[index] {
                line += other == digest ? "  =" : "  ≠ \(other.rows) rows, \(other.sha256)"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
