/// A failure to write, verify or extract an archive, naming the archive and the entry.
public struct ArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure, so callers and tests can tell a refusal from an I/O problem.
    public enum Kind: Equatable, Sendable {
        /// An entry name that would land outside the target (absolute, `..`, backslash, drive letter…).
        case unsafePath
        /// A symbolic link entry (never extracted) or a symlink in the way on disk.
        case symlink
        /// The archive passes a size, entry-count or compression-ratio limit (zip bomb), or an entry
        /// inflates to more than its header declares.
        case limitExceeded
        /// Not a zip, truncated, or structurally broken.
        case corrupt
        /// `MANIFEST.json` is missing or not a valid manifest.
        case manifest
        /// A file exists where an entry would be written (and `force` was not given).
        case exists
        /// Something the reader does not support (encryption, multi-disk, compression method).
        case unsupported
        /// Reading or writing a file failed, or the inputs are unusable.
        case io
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "error: \(message)" }
}
