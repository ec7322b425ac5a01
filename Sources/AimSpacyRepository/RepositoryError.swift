/// A failure of the run repository: a database error, a missing object, a repo made by a newer version.
public struct RepositoryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// The repository cannot be used any more in this process (e.g. its server went away): callers
    /// stop instead of failing the same way for every remaining item.
    public var repositoryLost: Bool

    public init(_ message: String, repositoryLost: Bool = false) {
        self.message = message
        self.repositoryLost = repositoryLost
    }

    public var description: String { "error: \(message)" }
}
