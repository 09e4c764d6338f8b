import QualityCore

/// The subsidy list of docs/SEMANTICS.md §13 as rows, in one language: what every export format prints.
///
/// One row per award of the result, in the result's order (USCC, then program order); awards cut
/// to 0 stay listed. Text is as it came from config and snapshot: each format neutralizes it
/// against formula injection where that matters (CSV, XLSX).
public struct SubsidyList: Sendable {
    public struct Row: Sendable, Equatable {
        /// 1-based position in the list.
        public var number: Int
        public var uscc: String
        public var name: String
        /// The district's division code.
        public var district: String
        /// The district's name in the list's language; the code when the config does not know it.
        public var districtName: String
        public var program: String
        /// The program's name in the list's language; the id when the config does not know it.
        public var programName: String
        /// The policy article (政策依据).
        public var basis: String
        public var requestedFen: Int64
        public var grantedFen: Int64
        /// Note ids of docs/SEMANTICS.md §7 (`enterprise_cap`, `program_budget`, `budget`).
        public var notes: [String]
        /// The notes translated and joined for a cell.
        public var notesText: String
    }

    public let language: Language
    public let labels: ExportLabels
    public let period: String
    public let configSHA256: String?
    public let snapshotSHA256: String?
    public let rows: [Row]
    /// The result's `requested_fen`: the sum over all listed awards.
    public let requestedFen: Int64
    /// The result's `granted_fen`: the sum over all listed awards.
    public let grantedFen: Int64

    public init(config: Config, result: AssessmentResult, language: Language = .zh) {
        self.init(names: ListNames(config: config), result: result, language: language)
    }

    /// The list with names taken from `names` (frozen with a published list) instead of a config.
    public init(names: ListNames, result: AssessmentResult, language: Language = .zh) {
        self.language = language
        let labels = ExportLabels(language)
        self.labels = labels
        period = result.period
        configSHA256 = result.configSHA256
        snapshotSHA256 = result.snapshotSHA256
        let districts = ListNames.lookup(names.districts)
        let programs = ListNames.lookup(names.programs)
        let allocation = names.allocation
        rows = result.subsidies.awards.enumerated().map { index, award in
            let program = programs[award.program]
            let notes = award.notes.names
            return Row(
                number: index + 1, uscc: award.uscc, name: award.name, district: award.district,
                districtName: districts[award.district]?.name.text(language) ?? award.district,
                program: award.program, programName: program?.name.text(language) ?? award.program,
                basis: program?.basis ?? "", requestedFen: award.requestedFen, grantedFen: award.grantedFen,
                notes: notes, notesText: labels.notes(notes, allocation: allocation)
            )
        }
        requestedFen = result.subsidies.requestedFen
        grantedFen = result.subsidies.grantedFen
    }

    /// The text cells of a row, in column order; amounts are yuan with two decimals, no grouping.
    func cells(_ row: Row) -> [String] {
        [
            String(row.number), row.uscc, row.name, row.districtName, row.programName, row.basis,
            Money.format(fen: row.requestedFen, grouping: false), Money.format(fen: row.grantedFen, grouping: false),
            row.notesText,
        ]
    }

    /// The totals row's text cells: label, then the two amounts in their columns.
    func totalsCells() -> [String] {
        [
            labels.total, "", "", "", "", "", Money.format(fen: requestedFen, grouping: false),
            Money.format(fen: grantedFen, grouping: false), "",
        ]
    }
}
