import QualityCore

/// The formats a subsidy list is exported in (docs/SEMANTICS.md §13).
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, xlsx, json

    public var fileExtension: String { rawValue }

    /// The media type for HTTP responses.
    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .json: "application/json"
        }
    }
}

/// An exported file and what the audit log records of it.
public struct ExportFile: Sendable, Equatable {
    public var format: ExportFormat
    public var language: Language
    public var bytes: [UInt8]
    /// Award rows, without the header and totals rows.
    public var rows: Int
    /// Lower-case hex SHA-256 of `bytes`.
    public var sha256: String

    public init(format: ExportFormat, language: Language, bytes: [UInt8], rows: Int) {
        self.format = format
        self.language = language
        self.bytes = bytes
        self.rows = rows
        self.sha256 = SHA256.hex(bytes)
    }
}

/// The subsidy list as finance staff download it: CSV, XLSX or JSON, in Chinese or English.
///
/// Amounts are exact: text is yuan with two decimals formatted from integer fen, XLSX cells are
/// numbers with the format `#,##0.00`, and the totals are the result's `requested_fen` and
/// `granted_fen` (the sums of the listed awards). Text cells of CSV and XLSX are neutralized
/// against formula injection (`CellSanitizer`), since names and articles come from bureau data.
/// The same list gives the same bytes in every format, so the SHA-256 identifies it.
public struct SubsidyExport: Sendable {
    public let list: SubsidyList

    public init(list: SubsidyList) {
        self.list = list
    }

    public init(config: Config, result: AssessmentResult, language: Language = .zh) {
        self.init(list: SubsidyList(config: config, result: result, language: language))
    }

    /// The export of a frozen list: names and basis as they were when it was published.
    public init(names: ListNames, result: AssessmentResult, language: Language = .zh) {
        self.init(list: SubsidyList(names: names, result: result, language: language))
    }

    /// Column widths in Excel character units, in column order.
    static let columnWidths: [Double] = [6, 22, 36, 12, 36, 40, 16, 16, 28]
    /// Columns holding amounts: numbers, never neutralized.
    static let amountColumns: Set<Int> = [6, 7]

    /// The list in `format`.
    public func render(_ format: ExportFormat, temporaryDirectory: String? = nil) throws(ExportError) -> ExportFile {
        switch format {
        case .csv: csv()
        case .xlsx: try xlsx(temporaryDirectory: temporaryDirectory)
        case .json: json()
        }
    }

    /// UTF-8 with BOM, CRLF, RFC 4180 quoting; header, one row per award, totals.
    public func csv() -> ExportFile {
        var w = CSVWriter()
        w.row(list.labels.columns.map(CellSanitizer.neutralize))
        for row in list.rows { w.row(Self.neutralized(list.cells(row))) }
        w.row(Self.neutralized(list.totalsCells()))
        return ExportFile(format: .csv, language: list.language, bytes: w.bytes, rows: list.rows.count)
    }

    /// A workbook with one sheet: bold frozen header, amounts as numbers, bold totals row.
    public func xlsx(temporaryDirectory: String? = nil) throws(ExportError) -> ExportFile {
        let bytes = try XLSXWriter.bytes(sheet(), directory: temporaryDirectory)
        return ExportFile(format: .xlsx, language: list.language, bytes: bytes, rows: list.rows.count)
    }

    /// The sheet `xlsx()` writes.
    public func sheet() -> XLSXSheet {
        let columns = zip(list.labels.columns, Self.columnWidths).map {
            XLSXSheet.Column(CellSanitizer.neutralize($0), width: $1)
        }
        let rows: [[XLSXSheet.Cell]] = list.rows.map { row in
            [
                .integer(row.number), text(row.uscc), text(row.name), text(row.districtName), text(row.programName),
                text(row.basis), .amount(fen: row.requestedFen), .amount(fen: row.grantedFen), text(row.notesText),
            ]
        }
        let totals: [XLSXSheet.Cell] = [
            text(list.labels.total), .empty, .empty, .empty, .empty, .empty, .amount(fen: list.requestedFen),
            .amount(fen: list.grantedFen), .empty,
        ]
        let properties = XLSXSheet.Properties(
            title: "\(list.labels.sheetName) \(list.period)", subject: list.period,
            comments: "config_sha256=\(list.configSHA256 ?? "-") snapshot_sha256=\(list.snapshotSHA256 ?? "-")"
        )
        return XLSXSheet(
            name: list.labels.sheetName, columns: columns, rows: rows, totals: totals, properties: properties)
    }

    /// The list for programs: period, hashes, columns, rows with fen and yuan, totals.
    public func json() -> ExportFile {
        var w = JSONWriter(style: .pretty(indent: 1), reserve: 1024 + list.rows.count * 400)
        w.beginObject()
        let header: [(String, String?)] = [
            ("period", list.period), ("config_sha256", list.configSHA256), ("snapshot_sha256", list.snapshotSHA256),
            ("language", list.language.rawValue),
        ]
        for (key, value) in header {
            w.key(key)
            w.string(value)
        }
        w.key("columns")
        w.strings(list.labels.columns)
        w.key("rows")
        w.beginArray()
        for row in list.rows { write(row, into: &w) }
        w.endArray()
        w.key("totals")
        w.beginObject()
        Self.write(requestedFen: list.requestedFen, grantedFen: list.grantedFen, into: &w)
        w.key("rows")
        w.integer(list.rows.count)
        w.endObject()
        w.endObject()
        return ExportFile(format: .json, language: list.language, bytes: w.bytes + [0x0A], rows: list.rows.count)
    }

    private func write(_ row: SubsidyList.Row, into w: inout JSONWriter) {
        w.beginObject()
        w.key("no")
        w.integer(row.number)
        let names = [
            ("uscc", row.uscc), ("name", row.name), ("district", row.district), ("district_name", row.districtName),
            ("program", row.program), ("program_name", row.programName), ("basis", row.basis),
        ]
        for (key, value) in names {
            w.key(key)
            w.string(value)
        }
        Self.write(requestedFen: row.requestedFen, grantedFen: row.grantedFen, into: &w)
        w.key("notes")
        w.strings(row.notes)
        w.key("notes_text")
        w.string(row.notesText)
        w.endObject()
    }

    /// The amounts of a row or of the totals: fen, then yuan with two decimals.
    private static func write(requestedFen: Int64, grantedFen: Int64, into w: inout JSONWriter) {
        w.key("requested_fen")
        w.integer(requestedFen)
        w.key("granted_fen")
        w.integer(grantedFen)
        w.key("requested_yuan")
        w.string(Money.format(fen: requestedFen, grouping: false))
        w.key("granted_yuan")
        w.string(Money.format(fen: grantedFen, grouping: false))
    }

    private func text(_ s: String) -> XLSXSheet.Cell {
        s.isEmpty ? .empty : .text(CellSanitizer.neutralize(s))
    }

    /// Text cells neutralized; amount cells as they are.
    private static func neutralized(_ cells: [String]) -> [String] {
        cells.enumerated().map { i, cell in amountColumns.contains(i) ? cell : CellSanitizer.neutralize(cell) }
    }
}
