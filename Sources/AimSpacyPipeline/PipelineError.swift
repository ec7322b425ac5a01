/// A failure of a command as a whole, printed as one line on stderr.
public struct PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// What `aim-spacy` prints on stderr: the message as is when it already names its severity
    /// (`path:3:7: error: …`, `query:1:5: error: …`, `error: …`), else `error: message`.
    /// Control characters from data in the message are escaped (`TerminalText`).
    public var diagnostic: String {
        TerminalText.escaped(message.hasPrefix("error:") || message.contains(": error:") ? message : "error: " + message)
    }
}
