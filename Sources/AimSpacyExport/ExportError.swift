/// A failure of one export: where (the target file, URL or run) and why, as one line.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, URL or run the failure concerns.
    public var place: String
    public var reason: String

    public init(place: String, reason: String) {
        self.place = place
        self.reason = reason
    }

    public var description: String { "\(place): error: \(reason)" }
}
