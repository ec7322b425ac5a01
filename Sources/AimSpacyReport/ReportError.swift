/// A failure to render or validate a report: a broken template, a page libxml2 rejects.
public struct ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "error: \(message)" }
}
