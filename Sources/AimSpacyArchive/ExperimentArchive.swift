import Foundation

/// Builds the entry list of an experiment archive: each experiment folder under
/// `experiment/<folder name>/`, the runs' data under `runs/<hash>.json` and the rendered report
/// under `report/`.
public struct ExperimentArchive: Sendable {
    /// The folder all experiment folders are archived under.
    public static let experimentPrefix = "experiment"

    public var entries: [ArchiveEntrySource] = []
    public var experiments: [String] = []
    public var runs: [String] = []
    /// What was left out of the folders and why.
    public var notes: [String] = []

    public init() {}

    /// Adds an experiment folder's files; two folders with the same name are refused.
    public mutating func addFolder(_ folder: URL, includeModels: Bool) throws(ArchiveError) {
        let name = folder.standardizedFileURL.lastPathComponent
        let prefix = Self.experimentPrefix + "/" + name
        guard EntryPath.isSafe(prefix) else { throw ArchiveError(.io, "\(folder.path): unusable folder name '\(name)'") }
        guard !experiments.contains(prefix) else {
            throw ArchiveError(.io, "\(folder.path): another folder named '\(name)' is already in the archive")
        }
        let collection = try ExperimentFolder.entries(root: folder, includeModels: includeModels, prefix: prefix)
        experiments.append(prefix)
        entries += collection.entries
        notes += collection.notes.map { "\(name)/\($0)" }
    }

    /// Adds a run kept in a repository as the experiment folder it was imported from: its source files
    /// (relative path → the stored copy) under `experiment/<name>/`, so that importing the archive
    /// finds the same run.
    public mutating func addStoredRun(name: String, files: [(path: String, url: URL)]) throws(ArchiveError) {
        let prefix = Self.experimentPrefix + "/" + name
        guard EntryPath.isSafe(prefix) else { throw ArchiveError(.io, "run \(name): unusable name for a folder") }
        guard !experiments.contains(prefix) else {
            throw ArchiveError(.io, "run \(name): another folder named '\(name)' is already in the archive")
        }
        experiments.append(prefix)
        for file in files.sorted(by: { $0.path < $1.path }) {
            let path = prefix + "/" + file.path
            guard EntryPath.isSafe(path) else {
                notes.append("\(name)/\(file.path): skipped, it lies outside the experiment folder")
                continue
            }
            entries.append(ArchiveEntrySource(path: path, content: .file(file.url)))
        }
    }

    /// Adds the runs' data, one JSON document per run hash, under `runs/<hash>.json`.
    public mutating func addRuns(_ runsJSON: [String: [UInt8]]) {
        for (hash, json) in runsJSON.sorted(by: { $0.key < $1.key }) {
            runs.append(hash)
            entries.append(ArchiveEntrySource(path: "runs/\(hash).json", content: .bytes(json)))
        }
    }

    /// Adds the rendered report's files (paths relative to the report folder) under `report/`.
    public mutating func addReport(_ files: [String: [UInt8]]) {
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            entries.append(ArchiveEntrySource(path: "report/\(path)", content: .bytes(bytes)))
        }
    }

    /// Writes the archive to `url`. When `url` lies inside an archived folder, an older archive
    /// there is not archived into the new one.
    @discardableResult
    public mutating func write(to url: URL, toolVersion: String) throws(ArchiveError) -> ArchiveManifest {
        let output = url.standardizedFileURL.resolvingSymlinksInPath().path
        entries.removeAll { entry in
            guard case .file(let file) = entry.content, file.standardizedFileURL.resolvingSymlinksInPath().path == output else {
                return false
            }
            notes.append("\(entry.path): skipped, it is the archive being written")
            return true
        }
        return try ArchiveWriter(toolVersion: toolVersion).write(entries, experiments: experiments, runs: runs, to: url)
    }
}
