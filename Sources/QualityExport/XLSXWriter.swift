import CXlsxWriter
import Foundation

/// Writes an `XLSXSheet` as a real workbook with libxlsxwriter.
///
/// libxlsxwriter writes files only, so `bytes(_:)` writes a temporary file, reads it back and
/// removes it. Every libxlsxwriter call that can fail is checked; a failure becomes an
/// `ExportError` naming the file and libxlsxwriter's reason.
public enum XLSXWriter {
    /// The workbook's bytes, through a temporary file in `directory` (the system's by default).
    public static func bytes(_ sheet: XLSXSheet, directory: String? = nil) throws(ExportError) -> [UInt8] {
        let base = directory ?? FileManager.default.temporaryDirectory.path
        let path = (base as NSString).appendingPathComponent("qualityd-export-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(sheet, to: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExportError(file: path, message: "cannot read the workbook back")
        }
        return [UInt8](data)
    }

    /// Writes the workbook to `path`.
    public static func write(_ sheet: XLSXSheet, to path: String) throws(ExportError) {
        // C strings handed to libxlsxwriter live until the workbook is closed.
        var cStrings = CStrings()
        defer { cStrings.free() }
        guard let workbook = workbook_new(cStrings.make(path)) else {
            throw ExportError(file: path, message: "cannot create the workbook (out of memory)")
        }
        do {
            try fill(workbook, with: sheet, strings: &cStrings, path: path)
        } catch {
            lxw_workbook_free(workbook)
            throw error
        }
        // Closing writes the file and frees the workbook, whether it succeeds or not.
        try check(workbook_close(workbook), path, "cannot write the workbook")
    }

    private static func fill(
        _ workbook: UnsafeMutablePointer<lxw_workbook>, with sheet: XLSXSheet, strings: inout CStrings, path: String
    ) throws(ExportError) {
        try setProperties(workbook, sheet.properties, strings: &strings, path: path)
        guard let worksheet = workbook_add_worksheet(workbook, strings.make(sheet.name)) else {
            throw ExportError(file: path, message: "invalid worksheet name \(sheet.name)")
        }
        let formats = Formats(workbook, amountFormat: strings.make(sheet.amountFormat))
        guard formats.complete else { throw ExportError(file: path, message: "cannot create cell formats") }

        for (i, column) in sheet.columns.enumerated() {
            let col = lxw_col_t(i)
            try check(worksheet_set_column(worksheet, col, col, column.width, nil), path, "column \(i + 1) width")
            try write(
                .text(column.header), worksheet, row: 0, col: col, text: formats.header, amount: formats.header, path)
        }
        worksheet_freeze_panes(worksheet, 1, 0)
        for (r, cells) in sheet.rows.enumerated() {
            let row = lxw_row_t(r + 1)
            for (c, cell) in cells.enumerated() {
                try write(cell, worksheet, row: row, col: lxw_col_t(c), text: nil, amount: formats.amount, path)
            }
        }
        if !sheet.rows.isEmpty, !sheet.columns.isEmpty {
            let lastRow = lxw_row_t(sheet.rows.count)
            let lastCol = lxw_col_t(sheet.columns.count - 1)
            try check(worksheet_autofilter(worksheet, 0, 0, lastRow, lastCol), path, "autofilter")
        }
        if let totals = sheet.totals {
            let row = lxw_row_t(sheet.rows.count + 1)
            for (c, cell) in totals.enumerated() {
                try write(
                    cell, worksheet, row: row, col: lxw_col_t(c), text: formats.bold, amount: formats.boldAmount, path)
            }
        }
    }

    private static func write(
        _ cell: XLSXSheet.Cell, _ worksheet: UnsafeMutablePointer<lxw_worksheet>, row: lxw_row_t, col: lxw_col_t,
        text: UnsafeMutablePointer<lxw_format>?, amount: UnsafeMutablePointer<lxw_format>?, _ path: String
    ) throws(ExportError) {
        let status: lxw_error
        switch cell {
        case .empty:
            // A formatted blank keeps the totals row bold across; an unformatted one writes nothing.
            status = text.map { worksheet_write_blank(worksheet, row, col, $0) } ?? LXW_NO_ERROR
        case .text(let s):
            status = escapeOOXML(s).withCString { worksheet_write_string(worksheet, row, col, $0, text) }
        case .integer(let n):
            status = worksheet_write_number(worksheet, row, col, Double(n), text)
        case .amount(let fen):
            // Double(fen) is exact below 2^53 fen; dividing by 100 gives the double nearest the yuan
            // amount, which libxlsxwriter's 16 significant digits print back as the exact cent (the
            // XLSX check compares every cell with fen / 100). Money never goes the other way.
            status = worksheet_write_number(worksheet, row, col, Double(fen) / 100, amount)
        }
        try check(status, path, "cell \(cellName(row: row, col: col))")
    }

    private static func setProperties(
        _ workbook: UnsafeMutablePointer<lxw_workbook>, _ p: XLSXSheet.Properties, strings: inout CStrings,
        path: String
    ) throws(ExportError) {
        var properties = lxw_doc_properties()
        properties.title = p.title.map { strings.make($0) }
        properties.subject = p.subject.map { strings.make($0) }
        properties.comments = p.comments.map { strings.make($0) }
        properties.created = time_t(p.created)
        try check(workbook_set_properties(workbook, &properties), path, "document properties")
    }

    private static func check(_ status: lxw_error, _ path: String, _ what: String) throws(ExportError) {
        guard status != LXW_NO_ERROR else { return }
        let reason = lxw_strerror(status).map { String(cString: $0) } ?? "error \(status.rawValue)"
        throw ExportError(file: path, message: "\(what): \(reason)")
    }

    /// Text with every literal `_xHHHH_` written as `_x005F_xHHHH_`, as Excel itself does.
    ///
    /// OOXML strings encode control characters as `_xHHHH_` (libxlsxwriter writes CR as `_x000D_`)
    /// and Excel decodes any such sequence, but libxlsxwriter leaves literal ones alone: a bureau
    /// name `_x003D_1+1` would show as `=1+1`, past `CellSanitizer`. Escaping the underscore keeps
    /// the text as sent.
    static func escapeOOXML(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "_")) else { return s }
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count + 6)
        func isHex(_ b: UInt8) -> Bool {
            (0x30...0x39).contains(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b)
        }
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "_"), i + 6 < u.count, u[i + 1] == UInt8(ascii: "x"),
                u[(i + 2)...(i + 5)].allSatisfy(isHex), u[i + 6] == UInt8(ascii: "_")
            {
                out.append(contentsOf: Array("_x005F".utf8))
            }
            out.append(u[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `A1`-style name of a cell, for error messages.
    static func cellName(row: lxw_row_t, col: lxw_col_t) -> String {
        var letters = ""
        var n = Int(col) + 1
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row + 1)
    }

    /// The cell formats of a sheet, owned by the workbook.
    private struct Formats {
        var header, bold, amount, boldAmount: UnsafeMutablePointer<lxw_format>?

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>, amountFormat: UnsafeMutablePointer<CChar>) {
            header = workbook_add_format(workbook)
            bold = workbook_add_format(workbook)
            amount = workbook_add_format(workbook)
            boldAmount = workbook_add_format(workbook)
            guard complete else { return }
            format_set_bold(header)
            format_set_bg_color(header, 0xD9E1F2)
            format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_bold(bold)
            format_set_num_format(amount, amountFormat)
            format_set_bold(boldAmount)
            format_set_num_format(boldAmount, amountFormat)
        }

        var complete: Bool { header != nil && bold != nil && amount != nil && boldAmount != nil }
    }
}

/// C strings that must outlive the calls they are passed to; released together.
private struct CStrings {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    mutating func make(_ s: String) -> UnsafeMutablePointer<CChar> {
        let utf8 = Array(s.utf8CString)
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
        p.initialize(from: utf8, count: utf8.count)
        pointers.append(p)
        return p
    }

    func free() {
        for p in pointers { p.deallocate() }
    }
}
