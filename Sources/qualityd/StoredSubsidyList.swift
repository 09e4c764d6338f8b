import QualityStore

/// The store's `SubsidyList`, named apart from QualityExport's `SubsidyList` (the rows of an export).
typealias StoredSubsidyList = SubsidyList
