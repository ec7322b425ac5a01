import Foundation

/// One entry to write: its name inside the archive and where its bytes come from.
public struct ArchiveEntrySource: Sendable, Equatable {
    /// Where the bytes come from: a file streamed in chunks, or bytes already in memory.
    public enum Content: Sendable, Equatable {
        case file(URL)
        case bytes([UInt8])
    }

    public var path: String
    public var content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }
}
