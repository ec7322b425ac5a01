/// A failure of the run repository: a database error, a missing object, a repo made by a newer version.
public struct RepositoryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "error: \(message)" }
}
