import AimSpacyModel
import Foundation
import ZIPFoundation

/// Writes a deterministic zip: entries sorted by path, deflated, with a fixed timestamp
/// (1980-01-01 00:00:00, zip's earliest) and fixed permissions, followed by `MANIFEST.json`.
///
/// File contents are streamed in chunks and hashed while they are compressed, so memory stays
/// flat however large the files are. The zip is written to a temporary file beside the output and
/// renamed into place, so a failed write never leaves a half archive under the output's name.
public struct ArchiveWriter: Sendable {
    /// The DOS epoch, written as every entry's modification time.
    public static let fixedDate = Date(timeIntervalSince1970: 315_532_800)
    public static let filePermissions: UInt16 = 0o644

    public var toolVersion: String
    /// How many bytes are read, hashed and compressed at a time.
    public var chunkSize: Int

    public init(toolVersion: String, chunkSize: Int = 1 << 20) {
        self.toolVersion = toolVersion
        self.chunkSize = max(chunkSize, 4096)
    }

    /// Writes `entries` and their manifest to `url`, replacing any file there.
    @discardableResult
    public func write(
        _ entries: [ArchiveEntrySource], experiments: [String] = [], runs: [String] = [], to url: URL
    ) throws(ArchiveError) -> ArchiveManifest {
        let sorted = try Self.checked(entries)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ArchiveError(.io, "\(url.path): the folder \(directory.path) does not exist")
        }
        let partial = directory.appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)")
        try? FileManager.default.removeItem(at: partial)
        defer { try? FileManager.default.removeItem(at: partial) }

        let archive: Archive
        do {
            archive = try Archive(url: partial, accessMode: .create)
        } catch {
            throw ArchiveError(.io, "\(url.path): cannot create archive: \(error.localizedDescription)")
        }
        var manifestEntries: [ArchiveManifest.Entry] = []
        manifestEntries.reserveCapacity(sorted.count)
        for entry in sorted {
            manifestEntries.append(try add(entry, to: archive, output: url))
        }
        let manifest = ArchiveManifest(
            toolVersion: toolVersion, experiments: experiments, runs: runs, entries: manifestEntries
        )
        _ = try add(ArchiveEntrySource(path: ArchiveManifest.entryName, content: .bytes(manifest.encoded())), to: archive, output: url)
        // rename(2) replaces an existing file atomically.
        guard rename(partial.path, url.path) == 0 else {
            throw ArchiveError(.io, "\(url.path): cannot write archive (errno \(errno))")
        }
        return manifest
    }

    /// Sorts entries by name (UTF-8 byte order) after checking every name is safe and unique.
    static func checked(_ entries: [ArchiveEntrySource]) throws(ArchiveError) -> [ArchiveEntrySource] {
        var seen = Set<String>()
        for entry in entries {
            if case .failure(let error) = EntryPath.components(of: entry.path) { throw error }
            guard !entry.path.hasSuffix("/") else {
                throw ArchiveError(.unsafePath, "entry '\(entry.path)': only files can be archived")
            }
            guard entry.path != ArchiveManifest.entryName else {
                throw ArchiveError(.unsafePath, "entry '\(entry.path)': the name is reserved for the manifest")
            }
            guard seen.insert(entry.path).inserted else {
                throw ArchiveError(.unsafePath, "entry '\(entry.path)': given twice")
            }
        }
        let sorted = entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.path.hasPrefix(previous.path + "/") {
            throw ArchiveError(.unsafePath, "entry '\(previous.path)' is both a file and a folder of '\(next.path)'")
        }
        return sorted
    }

    /// Adds one entry, streaming and hashing its bytes, and returns its manifest line.
    private func add(_ entry: ArchiveEntrySource, to archive: Archive, output: URL) throws(ArchiveError) -> ArchiveManifest.Entry {
        var hasher = SHA256()
        let size: UInt64
        do {
            switch entry.content {
            case .bytes(let bytes):
                size = UInt64(bytes.count)
                let method = bytes.prefix(CompressionSample.length).withUnsafeBytes { CompressionSample.method(for: $0) }
                try archive.addEntry(
                    with: entry.path, type: .file, uncompressedSize: Int64(bytes.count),
                    modificationDate: Self.fixedDate, permissions: Self.filePermissions,
                    compressionMethod: method, bufferSize: chunkSize
                ) { position, count in
                    let start = Int(position)
                    let slice = bytes[start..<(start + count)]
                    slice.withUnsafeBytes { hasher.update($0) }
                    return Data(slice)
                }
            case .file(let file):
                let handle = try FileHandle(forReadingFrom: file)
                defer { try? handle.close() }
                let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
                size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
                let sample = try handle.read(upToCount: CompressionSample.length) ?? Data()
                try handle.seek(toOffset: 0)
                let method = sample.withUnsafeBytes { CompressionSample.method(for: $0) }
                try archive.addEntry(
                    with: entry.path, type: .file, uncompressedSize: Int64(size),
                    modificationDate: Self.fixedDate, permissions: Self.filePermissions,
                    compressionMethod: method, bufferSize: chunkSize
                ) { _, count in
                    let data = try handle.read(upToCount: count) ?? Data()
                    guard data.count == count else { throw FileChanged(path: file.path) }
                    data.withUnsafeBytes { hasher.update($0) }
                    return data
                }
                if let more = try handle.read(upToCount: 1), !more.isEmpty { throw FileChanged(path: file.path) }
            }
        } catch let error as FileChanged {
            throw ArchiveError(.io, "\(error.path): changed size while being archived")
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError(.io, "\(output.path): cannot add '\(entry.path)': \(error)")
        }
        return ArchiveManifest.Entry(path: entry.path, size: size, sha256: hasher.finalize())
    }

    private struct FileChanged: Error { var path: String }
}
