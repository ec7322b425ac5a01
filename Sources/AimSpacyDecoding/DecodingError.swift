#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A failure to decode one of spaCy's files: where it is and what was expected there.
public struct DecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the problem is. Text formats use 1-based line and column (columns count UTF-8 bytes);
    /// binary formats a 0-based byte offset and a key path such as `span_groups[3].spans[1].label`.
    public enum Location: Equatable, Sendable {
        case text(line: Int, column: Int)
        case binary(offset: Int, path: String)
        case none
    }

    /// The file, when known; decoders of in-memory bytes leave it `nil` and callers stamp it.
    public var file: String?
    public var location: Location
    /// What was found and what was expected, as one line of text.
    public var message: String

    public init(file: String? = nil, location: Location, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// The same error attributed to `file`.
    public func inFile(_ file: String) -> DecodingError {
        var copy = self
        copy.file = file
        return copy
    }

    /// One line: `file:line:column: error: message` or `file: byte N (path): error: message`.
    public var description: String {
        let name = file ?? "<input>"
        switch location {
        case .text(let line, let column):
            return "\(name):\(line):\(column): error: \(message)"
        case .binary(let offset, let path):
            let at = path.isEmpty ? "byte \(offset)" : "byte \(offset) (\(path))"
            return "\(name): \(at): error: \(message)"
        case .none:
            return "\(name): error: \(message)"
        }
    }
}
