import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the run repository is: `--repo`, else the training's `[training.logger] repo` when it may
/// decide, else `$AIM_SPACY_REPO`, else `./.aim-spacy`. A function of strings: a location holding
/// `://` (a database URL) passes through untouched; a leading `~` or `~user` is expanded as a shell
/// would. A training is foreign input, so its setting is honoured only when it is a relative path
/// that stays inside the current folder and the training does not come from an archive.
public enum RepositoryLocation {
    /// The location chosen, and the warning to give when the training's setting was ignored.
    public struct Choice: Equatable, Sendable {
        public var location: String
        public var warning: String?
    }

    public static let defaultLocation = ".aim-spacy"

    public static func choose(
        explicit: String?, configured: String? = nil, configuredFromArchive: Bool = false,
        environment: [String: String], currentDirectory: String
    ) -> Choice {
        let home = environment["HOME"]
        if let explicit, !explicit.isEmpty { return Choice(location: expandingTilde(explicit, home: home)) }
        let fallback = environment["AIM_SPACY_REPO"].flatMap { $0.isEmpty ? nil : expandingTilde($0, home: home) }
        guard let configured, !configured.isEmpty else { return Choice(location: fallback ?? defaultLocation) }
        if let refusal = refusal(of: configured, fromArchive: configuredFromArchive, currentDirectory: currentDirectory) {
            let used = fallback.map { "$AIM_SPACY_REPO (\($0))" } ?? "./\(defaultLocation)"
            return Choice(
                location: fallback ?? defaultLocation,
                warning: "[training.logger] repo \"\(configured)\" ignored (\(refusal)); using \(used)")
        }
        return Choice(location: configured)
    }

    /// Why a training's own `repo` setting may not decide where the tool writes, or `nil`.
    static func refusal(of configured: String, fromArchive: Bool, currentDirectory: String) -> String? {
        if fromArchive { return "a training from an archive does not choose the repository" }
        if configured.contains("://") { return "a training does not choose a database server" }
        if configured.hasPrefix("/") || configured.hasPrefix("~") {
            return "only a relative path inside the current folder is honoured"
        }
        var depth = 0
        for part in configured.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": depth -= 1
            default: depth += 1
            }
            if depth < 0 { return "only a relative path inside the current folder is honoured" }
        }
        if depth == 0 { return "the current folder itself is not a repository folder" }
        let folder = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        if !PathContainment.isInside(folder.appendingPathComponent(configured), folder) {
            return "it leads out of the current folder through a symlink"
        }
        return nil
    }

    /// `~` and `~/x` with `$HOME` (else the user's home), `~user/x` with that user's home; anything
    /// else, a `~user` that does not exist and locations holding `://`, unchanged.
    public static func expandingTilde(_ location: String, home: String?) -> String {
        guard location.hasPrefix("~"), !location.contains("://") else { return location }
        let slash = location.firstIndex(of: "/") ?? location.endIndex
        let user = String(location[location.index(after: location.startIndex)..<slash])
        let rest = String(location[slash...])
        let directory: String?
        if user.isEmpty {
            directory = home ?? getpwuid(getuid()).map { String(cString: $0.pointee.pw_dir) }
        } else {
            directory = getpwnam(user).map { String(cString: $0.pointee.pw_dir) }
        }
        guard let directory else { return location }
        return directory.hasSuffix("/") && rest.hasPrefix("/") ? String(directory.dropLast()) + rest : directory + rest
    }
}
