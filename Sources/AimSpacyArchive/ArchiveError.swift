/// A failure to write, verify or extract an archive, naming the archive and the entry.
public struct ArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "error: \(message)" }
}
