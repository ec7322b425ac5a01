import Foundation

/// Collects the files of an experiment folder for an archive.
///
/// Model weights (everything under a `model-*/` folder but its `meta.json` and `config.cfg`) are
/// left out unless asked for. Symlinks to files inside the folder are archived as the file they
/// point to; symlinks leaving the folder, to folders or dangling are skipped, with a note.
public enum ExperimentFolder {
    /// What a walk found: the entries (sorted by name) and notes about what was left out.
    public struct Collection: Sendable, Equatable {
        public var entries: [ArchiveEntrySource]
        public var notes: [String]
    }

    /// The files that a saved pipeline keeps beside its weights and that an import reads.
    public static let modelFilesKept: Set<String> = ["meta.json", "config.cfg"]

    /// Walks `root` and names each file `prefix/relative/path`.
    public static func entries(root: URL, includeModels: Bool, prefix: String) throws(ArchiveError) -> Collection {
        let fileManager = FileManager.default
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: rootPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ArchiveError(.io, "\(root.path): not a folder")
        }
        var collection = Collection(entries: [], notes: [])
        var leftOutModelFiles = 0
        var pending: [[String]] = [[]]
        while let relative = pending.popLast() {
            let directoryPath = ([rootPath] + relative).joined(separator: "/")
            let names: [String]
            do {
                names = try fileManager.contentsOfDirectory(atPath: directoryPath).sorted()
            } catch {
                throw ArchiveError(.io, "\(directoryPath): cannot list folder: \(error.localizedDescription)")
            }
            for name in names.reversed() {
                let components = relative + [name]
                let path = directoryPath + "/" + name
                let relativeName = components.joined(separator: "/")
                let type = (try? fileManager.attributesOfItem(atPath: path)[.type]) as? FileAttributeType
                switch type {
                case .typeDirectory?:
                    pending.append(components)
                case .typeRegular?:
                    if !includeModels && isModelWeight(components) {
                        leftOutModelFiles += 1
                        continue
                    }
                    collection.entries.append(entry(prefix: prefix, relative: relativeName, url: URL(fileURLWithPath: path)))
                case .typeSymbolicLink?:
                    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                    var targetIsDirectory: ObjCBool = false
                    guard fileManager.fileExists(atPath: target, isDirectory: &targetIsDirectory) else {
                        collection.notes.append("\(relativeName): skipped a dangling symlink")
                        continue
                    }
                    guard target == rootPath || target.hasPrefix(rootPath + "/") else {
                        collection.notes.append("\(relativeName): skipped a symlink pointing outside the folder")
                        continue
                    }
                    guard !targetIsDirectory.boolValue else {
                        collection.notes.append("\(relativeName): skipped a symlink to a folder")
                        continue
                    }
                    if !includeModels && isModelWeight(components) {
                        leftOutModelFiles += 1
                        continue
                    }
                    collection.entries.append(entry(prefix: prefix, relative: relativeName, url: URL(fileURLWithPath: target)))
                default:
                    collection.notes.append("\(relativeName): skipped (not a regular file)")
                }
            }
        }
        if leftOutModelFiles > 0 {
            collection.notes.append("left out \(leftOutModelFiles) model weight file(s); --include-models keeps them")
        }
        collection.entries.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        collection.notes.sort()
        return collection
    }

    /// Whether a file (given by its path components) is part of a saved pipeline's weights.
    public static func isModelWeight(_ components: [String]) -> Bool {
        let folders = components.dropLast()
        guard let modelIndex = folders.firstIndex(where: { $0.hasPrefix("model-") }) else { return false }
        let isDirectChild = modelIndex == components.count - 2
        return !(isDirectChild && modelFilesKept.contains(components[components.count - 1]))
    }

    private static func entry(prefix: String, relative: String, url: URL) -> ArchiveEntrySource {
        ArchiveEntrySource(path: prefix.isEmpty ? relative : prefix + "/" + relative, content: .file(url))
    }
}
