import HTTPTypes
import Hummingbird

/// What the correction and appeal routes refuse before the store is asked, naming the field
/// (docs/SEMANTICS.md §14).
package enum CorrectionError: Error, Sendable, Equatable {
    /// A body that is not a JSON object, or a field missing or of the wrong JSON type.
    case invalidField(name: String, message: String)
    /// `fact` is not one any source provides for the entity.
    case unknownFact(entity: String, fact: String, known: [String])
    /// `value` is not of the kind the fact's sources give.
    case wrongType(fact: String, expected: String, got: String)
    /// `key` names no district of the config, or no enterprise of the period's snapshot.
    case unknownKey(entity: String, key: String, period: String)
    /// Publishing while an appeal of the period is open (`subsidies.publish_with_open_appeals`).
    case openAppeals(period: String, ids: [Int64])

    package var message: String {
        switch self {
        case .invalidField(let name, let message):
            return "\(name): \(message)"
        case .unknownFact(let entity, let fact, let known):
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            return "fact: no source provides the \(entity) fact '\(fact)'; correctable facts: \(list)"
        case .wrongType(let fact, let expected, let got):
            return "value: \(fact) takes \(expected), not \(got)"
        case .unknownKey(let entity, let key, let period):
            return entity == "district"
                ? "key: no district \(key) in the config"
                : "key: no enterprise \(key) in the snapshot of \(period)"
        case .openAppeals(let period, let ids):
            return "the subsidy list of \(period) cannot be published while appeals "
                + ids.map { "#\($0)" }.joined(separator: ", ")
                + " are open; resolve them first (or set subsidies.publish_with_open_appeals)"
        }
    }

    package var apiError: APIError {
        switch self {
        case .invalidField, .unknownFact, .wrongType: APIError(.badRequest, message)
        case .unknownKey: APIError(.notFound, message)
        case .openAppeals: APIError(.conflict, message)
        }
    }
}
