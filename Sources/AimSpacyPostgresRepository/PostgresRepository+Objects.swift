import AimSpacyModel
import AimSpacyRepository
import Foundation
import PostgresNIO

/// The object store in the database: each object once, keyed by its sha256, as rows of at most
/// `chunkSize` bytes, written and read one chunk at a time so that a large corpus never sits whole
/// in memory or in one value. An object is written in one transaction: readers never see part of one.
extension PostgresRepository {
    /// The largest chunk of an object kept in one row.
    public static let chunkSize = 1 << 20

    /// A small file is read whole and written by one statement (its hash checked first), without
    /// asking the server whether it has the object: the statement does nothing when it does. A
    /// larger one is sent only when the server lacks it, in one statement up to a chunk, else
    /// streamed in one transaction.
    @discardableResult
    public func storeObject(contentsOf source: URL, knownSHA256: String? = nil) throws(RepositoryError) -> String {
        if knownSHA256 == nil || PostgresRepository.fileSize(source) <= PostgresRepository.sentUnasked,
            let small = try PostgresRepository.smallFile(source)
        {
            var hasher = SHA256()
            small.withUnsafeBytes { hasher.update($0) }
            let digest = hasher.finalize()
            guard let knownSHA256, knownSHA256 != digest else {
                try storeChunk(small, digest)
                return digest
            }
            // Changed since it was hashed: fine only if the object it was is already stored.
            if try containsObject(knownSHA256) { return knownSHA256 }
            throw RepositoryError("\(source.path): changed while it was imported (sha256 \(knownSHA256) before, \(digest) now)")
        }
        if let knownSHA256, try containsObject(knownSHA256) { return knownSHA256 }
        let digest: String
        if let knownSHA256 { digest = knownSHA256 } else { digest = try PostgresRepository.hash(source) }
        if knownSHA256 == nil, try containsObject(digest) { return digest }
        try upload(digest, from: source)
        return digest
    }

    @discardableResult
    public func storeObject(data: Data) throws(RepositoryError) -> String {
        var hasher = SHA256()
        data.withUnsafeBytes { hasher.update($0) }
        let digest = hasher.finalize()
        if data.count <= PostgresRepository.chunkSize {
            try storeChunk(data, digest)
            return digest
        }
        if try containsObject(digest) { return digest }
        try session.transaction { calls in
            guard try claim(digest, calls) else { return }
            var ord = 0
            var offset = 0
            while offset < data.count {
                let end = min(data.count, offset + PostgresRepository.chunkSize)
                let chunk = ByteBuffer(bytes: data[data.startIndex + offset..<data.startIndex + end])
                try calls.send("INSERT INTO aim_spacy.object_chunks (sha256, ord, data) VALUES (\(digest), \(ord), \(chunk))")
                ord += 1
                offset = end
            }
            try calls.send("UPDATE aim_spacy.objects SET size = \(data.count), chunks = \(ord) WHERE sha256 = \(digest)")
        }
        return digest
    }

    /// Stores an object of one chunk by one statement, which does nothing when it is stored.
    private func storeChunk(_ bytes: Data, _ digest: String) throws(RepositoryError) {
        let chunk = ByteBuffer(bytes: bytes)
        try session.reading { calls in
            try calls.execute("""
                WITH claimed AS (
                    INSERT INTO aim_spacy.objects (sha256, size, chunks) VALUES (\(digest), \(bytes.count), 1)
                    ON CONFLICT DO NOTHING RETURNING sha256)
                INSERT INTO aim_spacy.object_chunks (sha256, ord, data) SELECT sha256, 0, \(chunk) FROM claimed
                """)
        }
    }

    /// Objects up to this size are sent without asking first whether the server has them.
    static let sentUnasked = 16 << 10

    /// The file's size, or 0 when it cannot be read (reading it then says why).
    private static func fileSize(_ source: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: source.path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// The file's bytes when it fits in one chunk, else `nil`.
    private static func smallFile(_ source: URL) throws(RepositoryError) -> Data? {
        do {
            let input = try FileHandle(forReadingFrom: source)
            defer { try? input.close() }
            let head = try input.read(upToCount: chunkSize + 1) ?? Data()
            return head.count <= chunkSize ? head : nil
        } catch {
            throw RepositoryError("\(source.path): cannot read: \(error.localizedDescription)")
        }
    }

    public func containsObject(_ sha256: String) throws(RepositoryError) -> Bool {
        try session.reading { try $0.row("SELECT 1 FROM aim_spacy.objects WHERE sha256 = \(sha256)") != nil }
    }

    public func readObject(_ sha256: String, into consume: (Data) throws(RepositoryError) -> Void) throws(RepositoryError) {
        let chunks = try session.reading { calls in
            try calls.row("SELECT chunks FROM aim_spacy.objects WHERE sha256 = \(sha256)")?[0].decode(Int.self)
        }
        guard let chunks else { throw RepositoryError("object \(sha256) is not in the store of \(location)") }
        for ord in 0..<chunks {
            let bytes = try session.reading { calls in
                try calls.row("SELECT data FROM aim_spacy.object_chunks WHERE sha256 = \(sha256) AND ord = \(ord)")?[0].decode(ByteBuffer.self)
            }
            guard let bytes else { throw RepositoryError("object \(sha256) of \(location) lacks its chunk \(ord)") }
            try consume(Data(bytes.readableBytesView))
        }
    }

    /// Copies of the objects, written into `directory`.
    public func objectFiles(_ sha256s: [String], in directory: URL) throws(RepositoryError) -> [String: URL] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw RepositoryError("cannot create \(directory.path): \(error.localizedDescription)")
        }
        var files: [String: URL] = [:]
        for sha in sha256s where files[sha] == nil {
            let url = directory.appendingPathComponent(sha)
            guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = try? FileHandle(forWritingTo: url) else {
                throw RepositoryError("cannot create \(url.path)")
            }
            defer { try? handle.close() }
            try readObject(sha) { (chunk: Data) throws(RepositoryError) in
                do {
                    try handle.write(contentsOf: chunk)
                } catch {
                    throw RepositoryError("\(url.path): write failed: \(error.localizedDescription)")
                }
            }
            files[sha] = url
        }
        return files
    }

    /// Streams a file into the store under `digest`, checking that what was read hashes to it.
    private func upload(_ digest: String, from source: URL) throws(RepositoryError) {
        try session.transaction { calls in
            guard try claim(digest, calls) else { return }
            let input = try FileHandle.readingSource(source)
            defer { try? input.close() }
            var hasher = SHA256()
            var ord = 0
            var size = 0
            while true {
                guard let chunk = try input.read(upToCount: PostgresRepository.chunkSize), !chunk.isEmpty else { break }
                chunk.withUnsafeBytes { hasher.update($0) }
                try calls.send("INSERT INTO aim_spacy.object_chunks (sha256, ord, data) VALUES (\(digest), \(ord), \(ByteBuffer(bytes: chunk)))")
                ord += 1
                size += chunk.count
                // At most a few chunks in flight: a large file never sits whole in memory.
                if ord % 4 == 0 { try calls.settle() }
            }
            if ord == 0 {
                try calls.execute("INSERT INTO aim_spacy.object_chunks (sha256, ord, data) VALUES (\(digest), 0, \(ByteBuffer()))")
                ord = 1
            }
            let read = hasher.finalize()
            guard read == digest else {
                throw RepositoryError("\(source.path): changed while it was imported (sha256 \(digest) before, \(read) now)")
            }
            try calls.execute("UPDATE aim_spacy.objects SET size = \(size), chunks = \(ord) WHERE sha256 = \(digest)")
        }
    }

    /// Inserts the object's row; false when it is already stored (or was, by the time another
    /// writer of the same object committed).
    private func claim(_ digest: String, _ calls: PostgresCalls) throws -> Bool {
        try calls.execute("INSERT INTO aim_spacy.objects (sha256, size, chunks) VALUES (\(digest), 0, 0) ON CONFLICT DO NOTHING") == 1
    }

    private static func hash(_ source: URL) throws(RepositoryError) -> String {
        do {
            let input = try FileHandle(forReadingFrom: source)
            defer { try? input.close() }
            var hasher = SHA256()
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { hasher.update($0) }
            }
            return hasher.finalize()
        } catch {
            throw RepositoryError("\(source.path): cannot read: \(error.localizedDescription)")
        }
    }
}
