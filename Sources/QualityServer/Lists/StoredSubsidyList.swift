import QualityStore

/// The store's `SubsidyList`, named apart from QualityExport's `SubsidyList` (the rows of an export)
/// for files that import both modules.
typealias StoredSubsidyList = SubsidyList
