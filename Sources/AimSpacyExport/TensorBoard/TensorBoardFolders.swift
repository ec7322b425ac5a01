import Foundation
import AimSpacyModel

/// Where each run's event file goes: `<experiment>/<name>` under the export folder (experiment
/// `Default` when the run has none), each part made safe for any file system; runs that would share
/// a folder each get `-<first 8 characters of the hash>` appended (the whole hash if that is not enough).
public enum TensorBoardFolders {
    /// Relative folder per run, in the order of `runs`.
    public static func folders(for runs: [Run]) -> [String] {
        let plain = runs.map { safe($0.experiment ?? "Default") + "/" + safe($0.name) }
        let short = disambiguate(plain, runs: runs) { String($0.hash.prefix(8)) }
        return disambiguate(short, runs: runs) { $0.hash }
    }

    /// `folders`, with the suffix appended to every folder that more than one run would share
    /// (compared case-insensitively, for macOS and Windows).
    private static func disambiguate(_ folders: [String], runs: [Run], suffix: (Run) -> String) -> [String] {
        var counts: [String: Int] = [:]
        for folder in folders { counts[folder.lowercased(), default: 0] += 1 }
        return zip(runs, folders).map { run, folder in
            counts[folder.lowercased()]! > 1 ? folder + "-" + suffix(run) : folder
        }
    }

    /// The event file's name: TensorBoard's `events.out.tfevents.<time>.<host>`, with the training's
    /// time in seconds and `aim-spacy` as host, so the same run always gets the same name.
    public static func fileName(for run: Run) -> String {
        "events.out.tfevents.\(Int64(run.created.timeIntervalSince1970.rounded(.down))).aim-spacy"
    }

    /// One path component: no separators, control characters or characters Windows refuses, no
    /// leading dot or trailing dot/space, at most 100 UTF-8 bytes; empty becomes `_`.
    static func safe(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let refused = scalar.value < 0x20 || scalar.value == 0x7F || "/\\:*?\"<>|".unicodeScalars.contains(scalar)
            scalars.append(refused ? "_" : scalar)
        }
        var result = String(scalars)
        while result.hasPrefix(".") { result = "_" + result.dropFirst() }
        while result.utf8.count > 100 { result.removeLast() }
        while result.hasSuffix(".") || result.hasSuffix(" ") { result = String(result.dropLast()) + "_" }
        return result.isEmpty ? "_" : result
    }
}
