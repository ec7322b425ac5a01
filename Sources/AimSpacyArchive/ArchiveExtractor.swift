import AimSpacyModel
import Foundation

/// Extracts an archive from an untrusted source into a folder.
///
/// Every entry is checked before anything is written: names that would land outside the target,
/// symlink entries, too many entries, too many declared bytes, suspicious compression ratios and
/// files already in the way. Entries are then inflated into a staging folder inside the target,
/// counting the bytes actually produced (a lying header stops the extraction), and moved into place
/// only when all of them inflated cleanly; a refused archive leaves nothing behind.
public struct ArchiveExtractor: Sendable {
    /// What an extraction wrote.
    public struct Summary: Sendable, Equatable {
        /// The files written, relative to the target, sorted.
        public var files: [String]
        public var bytes: UInt64
    }

    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = ExtractionLimits()) { self.limits = limits }

    /// Extracts `archive` into `target` (created when missing). Existing files are replaced only
    /// with `force`; a symlink or folder in the way is never replaced.
    @discardableResult
    public func extract(_ archive: URL, to target: URL, force: Bool = false) throws(ArchiveError) -> Summary {
        try extract(ZipReader(url: archive, maxEntries: limits.maxEntries), to: target, force: force)
    }

    /// Extracts the archive `reader` has open. A file named in `digests` must inflate to that
    /// SHA-256 (hex), checked before anything is moved into place.
    @discardableResult
    func extract(_ reader: ZipReader, to target: URL, force: Bool = false, digests: [String: String] = [:]) throws(ArchiveError) -> Summary {
        let plan = try self.plan(reader, target: target, force: force)
        let fileManager = FileManager.default
        // The folders this extraction creates (target and missing parents), removed again on failure.
        var created: [String] = []
        var missing = target.standardizedFileURL
        while !fileManager.fileExists(atPath: missing.path), missing.pathComponents.count > 1 {
            created.append(missing.path)
            missing = missing.deletingLastPathComponent()
        }
        do {
            try fileManager.createDirectory(at: target, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(.io, "\(target.path): cannot create folder: \(error.localizedDescription)")
        }
        let staging = target.appendingPathComponent(".aim-spacy-extract-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: staging) }
        do {
            try inflate(plan, from: reader, into: staging, digests: digests)
            try move(plan, from: staging, to: target, force: force)
        } catch {
            try? fileManager.removeItem(at: staging)
            for folder in created { _ = rmdir(folder) }  // rmdir only removes empty folders
            throw error
        }
        return Summary(files: plan.files.map(\.path).sorted(), bytes: plan.files.reduce(0) { $0 + $1.uncompressedSize })
    }

    // MARK: Checking

    private struct Plan {
        var files: [ZipReader.Entry]
        /// Where each file's data starts, found once from its local header.
        var dataOffsets: [UInt64]
        var directories: [String]
    }

    /// Checks every entry and the target, throwing the first refusal before anything is written.
    private func plan(_ reader: ZipReader, target: URL, force: Bool) throws(ArchiveError) -> Plan {
        let name = reader.url.path
        let checked = try EntryRules.check(reader.entries, archive: name)
        var total: UInt64 = 0
        for entry in checked.files {
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            guard !overflow, sum <= limits.maxTotalBytes else {
                throw ArchiveError(.limitExceeded, "\(name): entries declare more than \(limits.maxTotalBytes) bytes in total (zip bomb?)")
            }
            total = sum
            if entry.uncompressedSize > limits.ratioThreshold,
               entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxRatio {
                throw ArchiveError(.limitExceeded, "\(name): entry '\(entry.path)' compresses \(entry.uncompressedSize / max(entry.compressedSize, 1)):1, more than the limit of \(limits.maxRatio):1 (zip bomb?)")
            }
        }
        let files = checked.files, directories = checked.directories
        let dataOffsets = try checkExtents(reader, files: files, archive: name)
        try checkTarget(target, files: files.map(\.path), directories: directories, force: force, archive: name)
        return Plan(files: files, dataOffsets: dataOffsets, directories: directories)
    }

    /// Refuses unsupported entries, and entries whose data overlap (one compressed stream
    /// inflated under many names is a zip bomb). Returns where each file's data starts.
    private func checkExtents(_ reader: ZipReader, files: [ZipReader.Entry], archive: String) throws(ArchiveError) -> [UInt64] {
        var extents: [(start: UInt64, end: UInt64, path: String)] = []
        var dataOffsets: [UInt64] = []
        extents.reserveCapacity(files.count)
        dataOffsets.reserveCapacity(files.count)
        for entry in files {
            try reader.checkSupported(entry)
            let extent = try reader.extent(of: entry)
            extents.append((extent.header, extent.end, entry.path))
            dataOffsets.append(extent.data)
        }
        extents.sort { $0.start < $1.start }
        for (previous, next) in zip(extents, extents.dropFirst()) where next.start < previous.end {
            throw ArchiveError(.limitExceeded, "\(archive): entries '\(previous.path)' and '\(next.path)' share bytes (overlapping entries, zip bomb?)")
        }
        return dataOffsets
    }

    /// Refuses symlinks or files on the way to any entry, and existing files unless `force`.
    private func checkTarget(_ target: URL, files: [String], directories: [String], force: Bool, archive: String) throws(ArchiveError) {
        let fileManager = FileManager.default
        var existing: [String] = []
        var checkedFolders: Set<String> = []
        func type(_ path: String) -> FileAttributeType? {
            (try? fileManager.attributesOfItem(atPath: path)[.type]) as? FileAttributeType
        }
        func checkFolders(_ components: [String]) throws(ArchiveError) {
            var relative = ""
            for component in components {
                relative = relative.isEmpty ? component : relative + "/" + component
                guard checkedFolders.insert(relative).inserted else { continue }
                switch type(target.path + "/" + relative) {
                case nil, .typeDirectory?: continue
                case .typeSymbolicLink?:
                    throw ArchiveError(.symlink, "\(archive): '\(relative)' in \(target.path) is a symlink; refusing to extract through it")
                default:
                    throw ArchiveError(.exists, "\(archive): '\(relative)' in \(target.path) is a file where the archive needs a folder")
                }
            }
        }
        for directory in directories {
            try checkFolders(directory.split(separator: "/").map(String.init))
        }
        for file in files {
            let components = file.split(separator: "/").map(String.init)
            try checkFolders(Array(components.dropLast()))
            switch type(target.path + "/" + file) {
            case nil: continue
            case .typeRegular?: existing.append(file)
            case .typeSymbolicLink?:
                throw ArchiveError(.symlink, "\(archive): '\(file)' in \(target.path) is a symlink; refusing to replace it")
            default:
                throw ArchiveError(.exists, "\(archive): '\(file)' in \(target.path) exists and is not a file")
            }
        }
        if !existing.isEmpty && !force {
            existing.sort()
            let shown = existing.prefix(3).joined(separator: ", ") + (existing.count > 3 ? " and \(existing.count - 3) more" : "")
            throw ArchiveError(.exists, "\(archive): would overwrite \(shown) in \(target.path); use --force to replace")
        }
    }

    // MARK: Writing

    /// Inflates every file into `staging`, counting actual bytes against the limits and hashing
    /// the files named in `digests` as they are written.
    private func inflate(_ plan: Plan, from reader: ZipReader, into staging: URL, digests: [String: String]) throws(ArchiveError) {
        let fileManager = FileManager.default
        var total: UInt64 = 0
        let limit = limits.maxTotalBytes
        let archiveName = reader.url.path
        for (entry, dataOffset) in zip(plan.files, plan.dataOffsets) {
            let destination = staging.appendingPathComponent(entry.path)
            let handle: FileHandle
            do {
                try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard fileManager.createFile(atPath: destination.path, contents: nil) else {
                    throw ArchiveError(.io, "\(destination.path): cannot create file")
                }
                handle = try FileHandle(forWritingTo: destination)
            } catch let error as ArchiveError {
                throw error
            } catch {
                throw ArchiveError(.io, "\(destination.path): cannot create file: \(error.localizedDescription)")
            }
            defer { try? handle.close() }
            let expected = digests[entry.path]
            var hasher = SHA256()
            try reader.read(entry, dataOffset: dataOffset) { chunk throws(ArchiveError) in
                total += UInt64(chunk.count)
                guard total <= limit else {
                    throw ArchiveError(.limitExceeded, "\(archiveName): inflates to more than \(limit) bytes (zip bomb?)")
                }
                if expected != nil { hasher.update(chunk) }
                do {
                    try handle.write(contentsOf: chunk)
                } catch {
                    throw ArchiveError(.io, "\(destination.path): cannot write: \(error.localizedDescription)")
                }
            }
            if let expected {
                let digest = hasher.finalize()
                guard digest == expected else {
                    throw ArchiveError(.corrupt, "\(archiveName): entry '\(entry.path)': sha256 \(digest), expected \(expected)")
                }
            }
        }
    }

    /// Moves the staged files into the target, then creates the archive's (empty) folders.
    private func move(_ plan: Plan, from staging: URL, to target: URL, force: Bool) throws(ArchiveError) {
        let fileManager = FileManager.default
        do {
            for entry in plan.files {
                let destination = target.appendingPathComponent(entry.path)
                try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                if force, fileManager.fileExists(atPath: destination.path) {
                    try fileManager.removeItem(at: destination)
                }
                try fileManager.moveItem(at: staging.appendingPathComponent(entry.path), to: destination)
            }
            for directory in plan.directories {
                try fileManager.createDirectory(at: target.appendingPathComponent(directory), withIntermediateDirectories: true)
            }
        } catch {
            throw ArchiveError(.io, "\(target.path): cannot move extracted files into place: \(error.localizedDescription)")
        }
    }
}
