import Foundation

/// Whether one path lies inside a folder, compared after resolving `.`/`..` and symlinks (of the
/// parts that exist), so `out/../repo/x` and a symlink into the folder are both caught.
enum PathContainment {
    static func isInside(_ path: URL, _ folder: URL) -> Bool {
        let inner = resolved(path).pathComponents
        let outer = resolved(folder).pathComponents
        return inner.count >= outer.count && Array(inner.prefix(outer.count)) == outer
    }

    /// The absolute path with symlinks resolved in its longest existing prefix.
    static func resolved(_ url: URL) -> URL {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var result = existing.resolvingSymlinksInPath()
        for part in rest { result.appendPathComponent(part) }
        return result.standardizedFileURL
    }
}
