/// One worksheet to write as a workbook: a bold header row, body rows, an optional bold totals row.
public struct XLSXSheet: Sendable {
    /// A cell's content. Text is written as given: neutralize formula triggers before.
    public enum Cell: Sendable, Equatable {
        case empty
        case text(String)
        case integer(Int)
        /// Money, written as the number fen / 100 with the format `#,##0.00`.
        case amount(fen: Int64)
    }

    public struct Column: Sendable, Equatable {
        public var header: String
        /// Width in Excel character units.
        public var width: Double

        public init(_ header: String, width: Double) {
            self.header = header
            self.width = width
        }
    }

    /// Document properties shown in the spreadsheet's file information.
    public struct Properties: Sendable, Equatable {
        public var title: String?
        public var subject: String?
        public var comments: String?
        /// Creation time in Unix seconds; fixed so that the same list gives the same bytes.
        public var created: Int

        public init(title: String? = nil, subject: String? = nil, comments: String? = nil, created: Int = 946_684_800) {
            self.title = title
            self.subject = subject
            self.comments = comments
            self.created = created
        }
    }

    /// At most 31 characters, none of `[]:*?/\`.
    public var name: String
    public var columns: [Column]
    public var rows: [[Cell]]
    public var totals: [Cell]?
    public var properties: Properties
    /// The number format of amount cells.
    public var amountFormat: String = "#,##0.00"

    public init(
        name: String, columns: [Column], rows: [[Cell]], totals: [Cell]? = nil, properties: Properties = Properties()
    ) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.totals = totals
        self.properties = properties
    }
}
