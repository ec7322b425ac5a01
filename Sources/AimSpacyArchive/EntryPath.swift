/// The rules for an entry name that is safe to write under a target directory.
///
/// A safe name is relative, uses `/` only, and has no empty, `.` or `..` components; it has no
/// backslash (a separator on Windows), no NUL and no drive letter. Directory entries end in `/`.
public enum EntryPath {
    /// The name's components, or a reason why it is unsafe.
    public static func components(of path: String) -> Result<[String], ArchiveError> {
        func refuse(_ why: String) -> Result<[String], ArchiveError> {
            .failure(ArchiveError(.unsafePath, "entry '\(path)': \(why)"))
        }
        if path.isEmpty { return refuse("empty name") }
        if path.hasPrefix("/") { return refuse("absolute path") }
        if path.contains("\\") { return refuse("backslash in name") }
        if path.utf8.contains(0) { return refuse("NUL byte in name") }
        var trimmed = Substring(path)
        if trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let first = parts.first, first.count >= 2, first.dropFirst().first == ":" {
            return refuse("drive letter")
        }
        for part in parts {
            if part.isEmpty { return refuse("empty path component") }
            if part == ".." { return refuse("'..' component") }
            if part == "." { return refuse("'.' component") }
        }
        return .success(parts)
    }

    /// Whether the name is safe.
    public static func isSafe(_ path: String) -> Bool {
        if case .success = components(of: path) { return true }
        return false
    }
}
