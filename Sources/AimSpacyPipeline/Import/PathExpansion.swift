import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Expands the paths given to `import`: shell-style globs (`runs/*/training`, `**` not special) are
/// matched with glob(3); a path without wildcards is kept as it is, so a missing one is reported by name.
enum PathExpansion {
    static func expand(_ patterns: [String]) -> [String] {
        var result: [String] = []
        for pattern in patterns {
            guard pattern.contains(where: { "*?[".contains($0) }) else {
                result.append(pattern)
                continue
            }
            var matches = glob_t()
            defer { globfree(&matches) }
            guard glob(pattern, 0, nil, &matches) == 0 else {
                result.append(pattern)
                continue
            }
            var found: [String] = []
            for i in 0..<Int(matches.gl_pathc) {
                if let cString = matches.gl_pathv[i] { found.append(String(cString: cString)) }
            }
            result.append(contentsOf: found.sorted())
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }
}
