/// The one set of rules an archive's entry list must pass before `verify`, `extract` or `import`
/// accept it: every name safe (see `EntryPath`), no symlink entries, no file listed twice, and no
/// name that is both a file and a folder (`train.log` beside `train.log/inner`).
enum EntryRules {
    /// The entries that pass, files with their normalised names, and the folders the archive lists.
    struct Checked {
        var files: [ZipReader.Entry]
        var directories: [String]
    }

    /// Checks every entry of `entries`; throws the first refusal, naming the archive and the entry.
    static func check(_ entries: [ZipReader.Entry], archive name: String) throws(ArchiveError) -> Checked {
        var files: [ZipReader.Entry] = []
        var directories: [String] = []
        var kinds: [String: ZipReader.Entry.Kind] = [:]
        for entry in entries {
            let components: [String]
            switch EntryPath.components(of: entry.path) {
            case .success(let parts): components = parts
            case .failure(let error): throw ArchiveError(.unsafePath, "\(name): \(error.message); refusing the archive")
            }
            let key = components.joined(separator: "/")
            switch entry.kind {
            case .symlink:
                throw ArchiveError(.symlink, "\(name): entry '\(entry.path)' is a symlink; refusing the archive")
            case .directory:
                if let existing = kinds[key], existing != .directory {
                    throw ArchiveError(.unsafePath, "\(name): entry '\(entry.path)' is both a file and a folder")
                }
                kinds[key] = .directory
                directories.append(key)
            case .file:
                guard kinds[key] == nil else {
                    throw ArchiveError(.unsafePath, "\(name): entry '\(entry.path)' appears twice")
                }
                kinds[key] = .file
                var normalised = entry
                normalised.path = key
                files.append(normalised)
            }
        }
        for path in kinds.keys.sorted() {
            var parent = path
            while let slash = parent.lastIndex(of: "/") {
                parent = String(parent[..<slash])
                if kinds[parent] == .file {
                    throw ArchiveError(.unsafePath, "\(name): '\(parent)' is both a file and the folder of '\(path)'")
                }
            }
        }
        return Checked(files: files, directories: directories)
    }
}
