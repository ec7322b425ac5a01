/// A failure of a command as a whole, printed as one line on stderr.
public struct PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
