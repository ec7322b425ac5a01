#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Whether a file in the way of a report page may be replaced: the tool never overwrites a file it
/// did not write. Its own pages are recognised by the generator marker every page's head carries.
enum ReportOwnership {
    /// The marker of `page.mustache`'s head, as it is written.
    static let marker = Array(#"<meta name="generator" content="aim-spacy"#.utf8)
    /// How far into a file the marker is looked for (it sits in the first few hundred bytes).
    static let searchedBytes = 1 << 16

    enum Existing: Equatable {
        case missing
        /// An earlier page of this tool, with other bytes.
        case ours
        /// Already exactly the bytes to write.
        case same
        /// Anything else: what it is, for the message.
        case foreign(String)
    }

    /// What is at `url` (not following a final symlink), compared with the page about to be written.
    static func existing(at url: URL, replacing bytes: [UInt8]) -> Existing {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return errno == ENOENT ? .missing : .foreign("cannot be inspected") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: return .foreign("is a symlink")
        case S_IFDIR: return .foreign("is a folder")
        default: return .foreign("is not a regular file")
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return .foreign("cannot be read") }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: searchedBytes) else { return .foreign("cannot be read") }
        guard isPage(Array(head)) else { return .foreign("exists") }
        if Int(info.st_size) == bytes.count, let whole = try? Data(contentsOf: url), whole.elementsEqual(bytes) { return .same }
        return .ours
    }

    /// Whether `head` (a file's first bytes) holds the generator marker of a report page.
    static func isPage(_ head: [UInt8]) -> Bool {
        guard head.count >= marker.count else { return false }
        return head.withUnsafeBufferPointer { buffer in
            var i = 0
            while i + marker.count <= buffer.count {
                if buffer[i] == marker[0], buffer[i..<(i + marker.count)].elementsEqual(marker) { return true }
                i += 1
            }
            return false
        }
    }
}
