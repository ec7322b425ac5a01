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
        let all = walk(folder)
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
    /// `meta.json` and `config.cfg` of a `model-*` folder matter to a run), symlinks are not followed.
    func walk(_ folder: URL) -> [String] {
        var result: [String] = []
        walk(folder, relative: "", depth: 0, into: &result)
        return result.sorted()
    }

    private func walk(_ folder: URL, relative: String, depth: Int, into result: inout [String]) {
        guard depth <= Self.maximumDepth,
            let names = try? fileManager.contentsOfDirectory(atPath: folder.path)
        else { return }
        let inModel = folder.lastPathComponent.hasPrefix("model-")
        for name in names.sorted() {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            guard let attributes = try? fileManager.attributesOfItem(atPath: url.path),
                let type = attributes[.type] as? FileAttributeType
            else { continue }
            if type == .typeDirectory {
                if Self.skippedFolders.contains(name) || inModel { continue }
                walk(url, relative: path, depth: depth + 1, into: &result)
            } else if type == .typeRegular {
                if inModel && name != "meta.json" && name != "config.cfg" { continue }
                result.append(path)
            }
        }
    }
}
