import AimSpacyModel
import Foundation

/// The SQLite repository as a `RunStore`: the rest of its surface already has the protocol's shape.
extension RunRepository: RunStore {
    public var location: String { directory.path }

    @discardableResult
    public func storeObject(data: Data) throws(RepositoryError) -> String {
        try objects.storeObject(data: data)
    }

    public func containsObject(_ sha256: String) throws(RepositoryError) -> Bool {
        objects.contains(sha256)
    }

    public func readObject(_ sha256: String, into consume: (Data) throws(RepositoryError) -> Void) throws(RepositoryError) {
        let url = objects.url(for: sha256)
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw RepositoryError("object \(sha256) is not in the store \(objects.root.path)")
        }
        defer { try? handle.close() }
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw RepositoryError("\(url.path): read failed: \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { return }
            try consume(chunk)
        }
    }

    /// The store's own files: nothing is copied.
    public func objectFiles(_ sha256s: [String], in directory: URL) throws(RepositoryError) -> [String: URL] {
        var files: [String: URL] = [:]
        for sha in sha256s { files[sha] = objects.url(for: sha) }
        return files
    }
}
