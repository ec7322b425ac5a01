import AimSpacyArchive
import AimSpacyModel
import AimSpacyReport
import Foundation

/// Finds the trainings below the paths given to `import`.
///
/// A training's output folder is one holding `model-best/` or `model-last/` with a `meta.json`. A
/// training's *root* is the highest folder at or below the import argument that holds no other
/// training's output: for `trainings/` holding `ner-aim/training/model-last`, the root is `ner-aim/`,
/// where its log, config and `evaluate/` also live. Folders holding only logs (a training interrupted
/// before it saved) are roots of their own. Files given one by one are grouped by their folder.
struct TrainingDiscovery {
    /// One training to import: its root and the files found for it, relative to the root.
    struct Candidate: Equatable {
        var root: URL
        /// Relative paths (with `/`) of every file considered, sorted.
        var files: [String]
        /// Whether the candidate was made from files named one by one (no folder walk).
        var explicitFiles: Bool
        /// Where the user sees it come from when that is not `root` (an archive: `FILE.zip:folder`).
        var origin: String? = nil
        /// The `runs/` folder of the archive the candidate was extracted from, which holds the runs'
        /// data as archived (the extracted files carry the archive's fixed time, not the training's).
        var archivedRuns: URL? = nil

        /// The path shown in messages.
        var displayPath: String { origin ?? root.path }
    }

    /// Folders never walked into: repositories, VCS data, caches and virtualenvs.
    static let skippedFolders: Set<String> = [
        ".git", ".aim-spacy", ".aim", ".venv", "venv", "__pycache__", ".ipynb_checkpoints", "node_modules",
    ]

    /// How deep below an argument folder outputs and logs are looked for.
    static let maximumDepth = 8

    let fileManager = FileManager.default

    /// Groups the files below `folder` into trainings.
    func candidates(inFolder folder: URL) -> [Candidate] {
        scan(folder).candidates
    }

    /// The trainings below `folder`, and the names there that are not valid UTF-8 (see `walkReporting`).
    func scan(_ folder: URL) -> (candidates: [Candidate], unreadable: [String]) {
        let (all, unreadable) = walkReporting(folder)
        return (candidates(grouping: all, in: folder), unreadable)
    }

    private func candidates(grouping all: [String], in folder: URL) -> [Candidate] {
        let outputs = Set(all.compactMap { path -> String? in
            let parts = path.split(separator: "/").map(String.init)
            guard parts.count >= 2, parts.last == "meta.json", let model = parts.dropLast().last,
                model == "model-best" || model == "model-last"
            else { return nil }
            return parts.dropLast(2).joined(separator: "/")
        })
        if outputs.count <= 1 {
            return all.isEmpty ? [] : [Candidate(root: folder, files: all, explicitFiles: false)]
        }
        var roots: Set<String> = []
        for output in outputs {
            var components = output.isEmpty ? [] : output.split(separator: "/").map(String.init)
            var best = output
            while !components.isEmpty {
                let candidate = components.joined(separator: "/")
                let others = outputs.filter { $0 != output && Self.isInside($0, candidate) }
                if others.isEmpty { best = candidate } else { break }
                components.removeLast()
            }
            roots.insert(best)
        }
        var result: [Candidate] = []
        var claimed = Set<String>()
        for root in roots.sorted() {
            let files = all.filter { Self.isInside($0, root) }
            claimed.formUnion(files)
            let prefix = root.isEmpty ? 0 : root.count + 1
            result.append(Candidate(
                root: root.isEmpty ? folder : folder.appendingPathComponent(root),
                files: files.map { String($0.dropFirst(prefix)) },
                explicitFiles: false
            ))
        }
        let loose = all.filter { !claimed.contains($0) }
        let looseByFolder = Dictionary(grouping: loose) { path -> String in
            let parts = path.split(separator: "/")
            return parts.dropLast().joined(separator: "/")
        }
        for (folderPath, files) in looseByFolder.sorted(by: { $0.key < $1.key }) {
            let prefix = folderPath.isEmpty ? 0 : folderPath.count + 1
            result.append(Candidate(
                root: folderPath.isEmpty ? folder : folder.appendingPathComponent(folderPath),
                files: files.map { String($0.dropFirst(prefix)) }.sorted(),
                explicitFiles: false
            ))
        }
        return result
    }

    /// Groups files named one by one by their folder.
    func candidates(forFiles files: [URL]) -> [Candidate] {
        let byFolder = Dictionary(grouping: files) { $0.deletingLastPathComponent().standardizedFileURL.path }
        return byFolder.sorted { $0.key < $1.key }.map { folder, urls in
            Candidate(
                root: URL(fileURLWithPath: folder),
                files: urls.map(\.lastPathComponent).sorted(),
                explicitFiles: true
            )
        }
    }

    /// Whether `path` is `folder` itself or lies below it (`folder` empty means the top).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder.isEmpty || path == folder || path.hasPrefix(folder + "/")
    }

    /// Every regular file below `folder`, relative, sorted; model weights are left out (only
    /// `meta.json` and `config.cfg` of a `model-*` folder matter to a run), symlinks are not followed,
    /// and what aim-spacy itself wrote there is skipped: report pages, and an extracted archive's
    /// `MANIFEST.json`, `runs/` and `report/`.
    func walk(_ folder: URL) -> [String] {
        walkReporting(folder).files
    }

    /// The same, with the names below `folder` that are not valid UTF-8 (shown with `\xNN` bytes):
    /// they cannot be opened by name, so the caller reports them.
    func walkReporting(_ folder: URL) -> (files: [String], unreadable: [String]) {
        var result: [String] = []
        var unreadable: [String] = []
        walk(folder, relative: "", depth: 0, into: &result, unreadable: &unreadable)
        return (result.sorted(), unreadable.sorted())
    }

    private func walk(_ folder: URL, relative: String, depth: Int, into result: inout [String], unreadable: inout [String]) {
        guard depth <= Self.maximumDepth, let listing = DirectoryListing(folder.path) else { return }
        for bytes in listing.invalidNames {
            unreadable.append(folder.appendingPathComponent(DirectoryListing.shown(bytes)).path)
        }
        let names = listing.names
        let inModel = folder.lastPathComponent.hasPrefix("model-")
        let archiveRoot = names.contains(ArchiveManifest.entryName)
            && Self.isArchiveManifest(folder.appendingPathComponent(ArchiveManifest.entryName))
        for name in names.sorted() {
            if archiveRoot && Self.archiveExtras.contains(name) { continue }
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            guard let attributes = try? fileManager.attributesOfItem(atPath: url.path),
                let type = attributes[.type] as? FileAttributeType
            else { continue }
            if type == .typeDirectory {
                if Self.skippedFolders.contains(name) || inModel { continue }
                walk(url, relative: path, depth: depth + 1, into: &result, unreadable: &unreadable)
            } else if type == .typeRegular {
                if inModel && name != "meta.json" && name != "config.cfg" { continue }
                if (name.hasSuffix(".html") || name.hasSuffix(".htm")) && ReportFiles.isReportPage(url) { continue }
                result.append(path)
            }
        }
    }

    /// What `archive` adds beside the experiment folders: skipped in an extracted archive.
    static let archiveExtras: Set<String> = [ArchiveManifest.entryName, "runs", "report"]

    /// Whether `url` is the manifest of an aim-spacy archive: `"tool": "aim-spacy"`, which its sorted
    /// keys put near the end (after the entries), so the first and last 4 KB are read.
    static func isArchiveManifest(_ url: URL) -> Bool {
        guard RegularFile.problem(at: url.path) == nil, let handle = FileHandle(forReadingAtPath: url.path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 12), let end = try? handle.seekToEnd() else { return false }
        try? handle.seek(toOffset: end > 1 << 12 ? end - (1 << 12) : 0)
        let tail = (try? handle.read(upToCount: 1 << 12)) ?? Data()
        return [head, tail].contains { part in
            let text = String(decoding: part, as: UTF8.self).replacingOccurrences(of: " ", with: "")
            return text.contains("\"tool\":\"aim-spacy\"")
        }
    }
}
