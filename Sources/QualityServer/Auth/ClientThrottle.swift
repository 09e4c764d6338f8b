import Foundation
import Synchronization

/// A token bucket per client address: `capacity` requests at once, then `perSecond` more each second.
///
/// Buckets that have filled up again are forgotten once more than `maxClients` are held, so the
/// memory it takes stays bounded however many addresses a client sends from.
package final class ClientThrottle: Sendable {
    package struct Policy: Sendable, Equatable {
        package var capacity: Double
        package var perSecond: Double

        package init(capacity: Double, perSecond: Double) {
            self.capacity = max(1, capacity)
            self.perSecond = max(0.001, perSecond)
        }
    }

    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    package let policy: Policy
    let maxClients: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    package init(_ policy: Policy, maxClients: Int = 10_000) {
        self.policy = policy
        self.maxClients = max(1, maxClients)
    }

    /// Takes one token for `client`: nil when it had one, else the whole seconds until it has.
    package func take(_ client: String, now: Date) -> Int? {
        buckets.withLock { all in
            var bucket = refilled(all[client], now: now)
            guard bucket.tokens >= 1 else { return wait(bucket) }
            bucket.tokens -= 1
            if all[client] == nil, all.count >= maxClients { prune(&all, now: now) }
            all[client] = bucket
            return nil
        }
    }

    /// Whether `client` has a token left, without taking it: nil when it has, else the seconds to wait.
    package func check(_ client: String, now: Date) -> Int? {
        buckets.withLock { all in
            let bucket = refilled(all[client], now: now)
            return bucket.tokens >= 1 ? nil : wait(bucket)
        }
    }

    /// Forgets `client` (a full bucket again), e.g. after it signed in successfully.
    package func reset(_ client: String) {
        _ = buckets.withLock { $0.removeValue(forKey: client) }
    }

    private func refilled(_ bucket: Bucket?, now: Date) -> Bucket {
        guard var bucket else { return Bucket(tokens: policy.capacity, updated: now) }
        let elapsed = max(0, now.timeIntervalSince(bucket.updated))
        bucket.tokens = min(policy.capacity, bucket.tokens + elapsed * policy.perSecond)
        bucket.updated = now
        return bucket
    }

    private func wait(_ bucket: Bucket) -> Int {
        max(1, Int(((1 - bucket.tokens) / policy.perSecond).rounded(.up)))
    }

    /// Drops clients whose bucket is full again; if that is not enough, every client (an attack from
    /// many addresses at once: they all start afresh rather than the map growing without bound).
    private func prune(_ all: inout [String: Bucket], now: Date) {
        all = all.filter { refilled($0.value, now: now).tokens < policy.capacity }
        if all.count >= maxClients { all.removeAll(keepingCapacity: true) }
    }
}
