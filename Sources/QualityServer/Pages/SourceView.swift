import Foundation
import QualityCore
import QualityStore

/// One bureau source as the pages show it: its names, whether it is up and fresh, and its last pull.
package struct SourceView: Sendable, Equatable {
    package var id: String
    package var name: LocalizedText
    /// The last pull succeeded.
    package var up: Bool
    /// The last pull failed, or the last success is older than twice the interval (docs/SEMANTICS.md §9).
    package var stale: Bool
    package var lastSuccess: Date?
    /// The newest pull, successful or not; nil before the first.
    package var lastPull: PullRecord?
}

extension SourceView {
    /// A configured source with its newest pull; up when that pull succeeded.
    package init(source: SourceConfig, lastPull: PullRecord?, lastSuccess: Date?, stale: Bool) {
        self.init(
            id: source.id, name: source.name, up: lastPull?.status == .success, stale: stale,
            lastSuccess: lastSuccess, lastPull: lastPull)
    }
}
