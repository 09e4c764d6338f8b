/// The two ways a budget is shared when the awards concerned ask for more than it holds.
enum Allocator {
    /// Each award gets floor(g × B / A) in exact 128-bit arithmetic; the fen left over go one each
    /// to the largest remainders, ties by USCC then program order (the order of `concerned`).
    static func proRata(
        _ drafts: inout [SubsidyEngine.Draft], _ concerned: [Int], total: Int64, budget: Int64, note: AwardNotes
    ) {
        var remainders: [(index: Int, remainder: Int64)] = []
        remainders.reserveCapacity(concerned.count)
        var given: Int64 = 0
        for i in concerned {
            let product = drafts[i].granted.multipliedFullWidth(by: budget)
            let (quotient, remainder) = total.dividingFullWidth(product)
            drafts[i].granted = quotient
            drafts[i].notes.insert(note)
            given += quotient
            remainders.append((i, remainder))
        }
        var leftover = budget - given
        guard leftover > 0 else { return }
        // Stable: equal remainders keep USCC-then-program order.
        let order = remainders.enumerated().sorted {
            $0.element.remainder != $1.element.remainder
                ? $0.element.remainder > $1.element.remainder : $0.offset < $1.offset
        }
        for entry in order where leftover > 0 {
            drafts[entry.element.index].granted += 1
            leftover -= 1
        }
    }

    /// Awards by priority (higher first, missing last), then USCC, then program order, granted in
    /// full until one no longer fits; that one gets what is left, the rest 0, each with the note.
    static func priority(_ drafts: inout [SubsidyEngine.Draft], _ concerned: [Int], budget: Int64, note: AwardNotes) {
        let order = concerned.enumerated().sorted { a, b in
            let pa = drafts[a.element].priority
            let pb = drafts[b.element].priority
            switch (pa, pb) {
            case (let x?, let y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
        var left = budget
        var exhausted = false
        for i in order {
            if exhausted {
                drafts[i].granted = 0
                drafts[i].notes.insert(note)
            } else if drafts[i].granted <= left {
                left -= drafts[i].granted
            } else {
                drafts[i].granted = left
                drafts[i].notes.insert(note)
                left = 0
                exhausted = true
            }
        }
    }
}
