import AimSpacyModel
import Foundation

/// The repository's content-addressed store of source files: each file is kept once, named by the
/// sha256 of its content, under `objects/ab/cdef…`, so a run can be re-rendered or archived after
/// its training folder is gone.
public struct ObjectStore: Sendable {
    /// The `objects` directory.
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Where the object with this digest lives (whether or not it exists).
    public func url(for sha256: String) -> URL {
        let prefix = String(sha256.prefix(2))
        let rest = String(sha256.dropFirst(2))
        return root.appendingPathComponent(prefix, isDirectory: true).appendingPathComponent(rest)
    }

    /// Whether the object is present.
    public func contains(_ sha256: String) -> Bool {
        FileManager.default.fileExists(atPath: url(for: sha256).path)
    }

    /// Copies a file into the store, hashing it while it streams (memory stays flat whatever its
    /// size), and returns its sha256. Written to a temporary file then renamed, so a reader never
    /// sees a partial object; an object already present is left as it is.
    /// When the caller already hashed the file (`knownSHA256`), an object already present is not
    /// read again, and a file whose content changed since it was hashed is refused.
    @discardableResult
    public func storeObject(contentsOf source: URL, knownSHA256: String? = nil) throws(RepositoryError) -> String {
        if let knownSHA256, contains(knownSHA256) { return knownSHA256 }
        let digest = try copy(source)
        if let knownSHA256, knownSHA256 != digest {
            throw RepositoryError("\(source.path): changed while it was imported (sha256 \(knownSHA256) before, \(digest) now)")
        }
        return digest
    }

    private func copy(_ source: URL) throws(RepositoryError) -> String {
        let input = try FileHandle.readingSource(source)
        defer { try? input.close() }
        return try store { (write: (Data) throws -> Void) in
            while true {
                let chunk: Data?
                do {
                    chunk = try input.read(upToCount: 1 << 20)
                } catch {
                    throw RepositoryError("\(source.path): read failed: \(error.localizedDescription)")
                }
                guard let chunk, !chunk.isEmpty else { break }
                try write(chunk)
            }
        }
    }

    /// Stores bytes held in memory and returns their sha256 (nothing is written when the object
    /// is already present).
    @discardableResult
    public func storeObject(data: Data) throws(RepositoryError) -> String {
        var hasher = SHA256()
        data.withUnsafeBytes { hasher.update($0) }
        let digest = hasher.finalize()
        if contains(digest) { return digest }
        return try store { (write: (Data) throws -> Void) in try write(data) }
    }

    /// Every object's digest, sorted.
    public func allObjects() -> [String] {
        let manager = FileManager.default
        guard let prefixes = try? manager.contentsOfDirectory(atPath: root.path) else { return [] }
        var digests: [String] = []
        for prefix in prefixes where prefix.count == 2 {
            let names = (try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(prefix).path)) ?? []
            for name in names where name.count == 62 { digests.append(prefix + name) }
        }
        return digests.sorted()
    }

    /// Deletes an object (used by `repo check --fix` for orphans).
    public func remove(_ sha256: String) throws(RepositoryError) {
        do {
            try FileManager.default.removeItem(at: url(for: sha256))
        } catch {
            throw RepositoryError("cannot remove object \(sha256): \(error.localizedDescription)")
        }
    }

    /// Leftover temporary files of interrupted writes.
    public func temporaryFiles() -> [URL] {
        let tmp = root.appendingPathComponent("tmp", isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        return names.sorted().map { tmp.appendingPathComponent($0) }
    }

    private func store(
        _ produce: (_ write: (Data) throws -> Void) throws -> Void
    ) throws(RepositoryError) -> String {
        let manager = FileManager.default
        let tmpDirectory = root.appendingPathComponent("tmp", isDirectory: true)
        let temporary = tmpDirectory.appendingPathComponent(UUID().uuidString)
        do {
            try manager.createDirectory(at: tmpDirectory, withIntermediateDirectories: true)
            guard manager.createFile(atPath: temporary.path, contents: nil) else {
                throw RepositoryError("cannot create \(temporary.path)")
            }
            let output = try FileHandle(forWritingTo: temporary)
            var hasher = SHA256()
            do {
                try produce { chunk in
                    chunk.withUnsafeBytes { hasher.update($0) }
                    try output.write(contentsOf: chunk)
                }
                // On disk before any run that refers to it can commit, even across a power loss.
                try output.synchronize()
                try output.close()
            } catch {
                try? output.close()
                throw error
            }
            let digest = hasher.finalize()
            let destination = url(for: digest)
            if manager.fileExists(atPath: destination.path) {
                try manager.removeItem(at: temporary)
                return digest
            }
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if rename(temporary.path, destination.path) != 0 {
                throw RepositoryError("cannot move object into \(destination.path): errno \(errno)")
            }
            return digest
        } catch let error as RepositoryError {
            try? manager.removeItem(at: temporary)
            throw error
        } catch {
            try? manager.removeItem(at: temporary)
            throw RepositoryError("cannot store object in \(root.path): \(error.localizedDescription)")
        }
    }
}
