/// An export that could not be written: which file and why.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file being written (the workbook's temporary file for XLSX).
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}
