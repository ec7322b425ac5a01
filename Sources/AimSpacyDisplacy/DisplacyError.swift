/// A failure to render displaCy markup, e.g. manual input that names a token that does not exist.
public struct DisplacyError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "error: \(message)" }
}
