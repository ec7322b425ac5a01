import AimSpacyArchive
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// `verify`, `extract` and `import` hold an archive to the same rules: the same entry rules, and the
/// manifest checked before anything is written.
struct ManifestExtractionTests {
    /// The files of an archive of the fixture folder (name → bytes, MANIFEST.json included).
    private func archivedFiles(in temp: TemporaryDirectory) throws -> [String: [UInt8]] {
        var archive = ExperimentArchive()
        try archive.addFolder(try ExperimentFixture.make(in: temp.url), includeModels: false)
        let zip = temp.url.appendingPathComponent("original.zip")
        try archive.write(to: zip, toolVersion: "0.1.0")
        let target = temp.url.appendingPathComponent("original")
        try ArchiveExtractor().extract(zip, to: target)
        var files: [String: [UInt8]] = [:]
        for (path, _) in try ExperimentFixture.tree(target) {
            files[path] = Array(try Data(contentsOf: target.appendingPathComponent(path)))
        }
        return files
    }

    private func zip(_ files: [String: [UInt8]], at url: URL) throws -> URL {
        var builder = ZipBuilder()
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) { builder.add(path, bytes) }
        try Data(builder.bytes()).write(to: url)
        return url
    }

    /// The manifest `files` would have if aim-spacy had written them.
    private func manifest(for files: [String: [UInt8]]) throws -> [UInt8] {
        let entries = files.filter { $0.key != ArchiveManifest.entryName }.map { path, bytes in
            ArchiveManifest.Entry(path: path, size: UInt64(bytes.count), sha256: SHA256.hex(bytes))
        }
        return try ArchiveManifest(toolVersion: "0.1.0", experiments: ["experiment/ner-run"], runs: [], entries: entries).encoded()
    }

    enum Tampering: String, CaseIterable, Sendable {
        case changed, removed, added
    }

    static let log = "experiment/ner-run/train.log"

    @Test(arguments: Tampering.allCases)
    func extractRefusesWhatTheManifestDoesNotSay(_ tampering: Tampering) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var files = try archivedFiles(in: temp)
        let named: String
        switch tampering {
        case .changed:
            named = Self.log
            files[named]?[3] ^= 0x01
        case .removed:
            named = Self.log
            files[named] = nil
        case .added:
            named = "experiment/ner-run/added.txt"
            files[named] = Array("not in the manifest".utf8)
        }
        let archive = try zip(files, at: temp.url.appendingPathComponent("tampered.zip"))
        let target = temp.url.appendingPathComponent("target")
        let error = try #require(throws: ArchiveError.self) { try ArchiveExtractor().extractVerified(archive, to: target) }
        #expect(error.message.contains(named))
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func untouchedArchiveExtracts() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let files = try archivedFiles(in: temp)
        let archive = try zip(files, at: temp.url.appendingPathComponent("copy.zip"))
        let target = temp.url.appendingPathComponent("target")
        let summary = try ArchiveExtractor().extractVerified(archive, to: target)
        #expect(summary.files == files.keys.sorted())
    }

    /// A file and a folder of the same name, both listed in a matching manifest: every command refuses it.
    @Test func fileThatIsAlsoAFolderIsRefusedByAll() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var files = try archivedFiles(in: temp)
        files[Self.log + "/inner"] = Array("inner".utf8)
        files[ArchiveManifest.entryName] = try manifest(for: files)
        let archive = try zip(files, at: temp.url.appendingPathComponent("both.zip"))
        let verifying = try #require(throws: ArchiveError.self) { try ArchiveVerifier.verify(archive) }
        #expect(verifying.message.contains("both a file and"))
        let extracting = try #require(throws: ArchiveError.self) {
            try ArchiveExtractor().extractVerified(archive, to: temp.url.appendingPathComponent("target"))
        }
        #expect(extracting.message == verifying.message)
        let importing = try #require(throws: ArchiveError.self) { try ArchivedExperiments.extract(archive) }
        #expect(importing.message == verifying.message)
    }
}
