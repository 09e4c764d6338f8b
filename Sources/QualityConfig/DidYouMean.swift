/// Suggests the known name an administrator probably meant when a key or id is unknown.
enum DidYouMean {
    /// The one candidate that matches `word` case-insensitively, else the one candidate within edit
    /// distance 2 that is strictly closer than every other; nil when none or several are close.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let caseMatches = candidates.filter { $0.lowercased() == lowered && $0 != word }
        if caseMatches.count == 1 { return caseMatches[0] }
        var best: (name: String, distance: Int)?
        var tie = false
        for candidate in candidates where candidate != word {
            let d = distance(Array(lowered.unicodeScalars), Array(candidate.lowercased().unicodeScalars), limit: 2)
            guard d <= 2 else { continue }
            if let b = best, d == b.distance {
                tie = true
            } else if best.map({ d < $0.distance }) ?? true {
                best = (candidate, d)
                tie = false
            }
        }
        return tie ? nil : best?.name
    }

    /// `; did you mean 'x'?` or the empty string.
    static func hint(for word: String, among candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
