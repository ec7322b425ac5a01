import AimSpacyArchive
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// `verify` names missing, extra and changed entries, and refuses what is not an archive.
struct VerifyTests {
    /// An archive of a fixture folder, and the files it holds (name → bytes).
    private func original(in temp: TemporaryDirectory) throws -> (zip: URL, files: [String: [UInt8]]) {
        let folder = try ExperimentFixture.make(in: temp.url)
        var archive = ExperimentArchive()
        try archive.addFolder(folder, includeModels: false)
        let zip = temp.url.appendingPathComponent("original.zip")
        try archive.write(to: zip, toolVersion: "0.1.0")
        let target = temp.url.appendingPathComponent("original")
        try ArchiveExtractor().extract(zip, to: target)
        var files: [String: [UInt8]] = [:]
        for (path, _) in try ExperimentFixture.tree(target) {
            files[path] = Array(try Data(contentsOf: target.appendingPathComponent(path)))
        }
        return (zip, files)
    }

    /// Rebuilds the archive by hand from `files` (keeping the original MANIFEST.json).
    private func rebuilt(_ files: [String: [UInt8]], at url: URL) throws -> URL {
        var builder = ZipBuilder()
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) { builder.add(path, bytes) }
        try Data(builder.bytes()).write(to: url)
        return url
    }

    @Test func untouchedHandBuiltCopyIsIntact() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (_, files) = try original(in: temp)
        let report = try ArchiveVerifier.verify(try rebuilt(files, at: temp.url.appendingPathComponent("copy.zip")))
        #expect(report.isIntact)
        #expect(report.intactCount == files.count - 1)
    }

    @Test func changedByteIsNamed() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var (_, files) = try original(in: temp)
        let name = "experiment/ner-run/train.log"
        var bytes = try #require(files[name])
        bytes[10] ^= 0x01
        files[name] = bytes
        let report = try ArchiveVerifier.verify(try rebuilt(files, at: temp.url.appendingPathComponent("changed.zip")))
        #expect(!report.isIntact)
        #expect(report.changed.map(\.path) == [name])
        #expect(report.missing.isEmpty && report.extra.isEmpty)
        #expect(report.lines.first?.hasPrefix("changed: \(name) (sha256") == true)
    }

    @Test func removedEntryIsNamed() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var (_, files) = try original(in: temp)
        files["experiment/ner-run/evaluate/metrics.json"] = nil
        let report = try ArchiveVerifier.verify(try rebuilt(files, at: temp.url.appendingPathComponent("removed.zip")))
        #expect(report.missing == ["experiment/ner-run/evaluate/metrics.json"])
        #expect(report.changed.isEmpty && report.extra.isEmpty)
    }

    @Test func addedEntryIsNamed() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var (_, files) = try original(in: temp)
        files["experiment/ner-run/notes.txt"] = Array("added later".utf8)
        let report = try ArchiveVerifier.verify(try rebuilt(files, at: temp.url.appendingPathComponent("added.zip")))
        #expect(report.extra == ["experiment/ner-run/notes.txt"])
        #expect(report.changed.isEmpty && report.missing.isEmpty)
    }

    /// A flipped byte inside the deflated data of a real archive: named as changed (bad data or CRC).
    @Test func flippedCompressedByteIsNamed() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = temp.url.appendingPathComponent("exp")
        let payload = (0..<50_000).map { UInt8(truncatingIfNeeded: ($0 &* 7919) ^ ($0 >> 3)) }
        try ExperimentFixture.write(payload, to: folder.appendingPathComponent("a.bin"))
        try ExperimentFixture.write(Array("second".utf8), to: folder.appendingPathComponent("b.txt"))
        var archive = ExperimentArchive()
        try archive.addFolder(folder, includeModels: false)
        let zip = temp.url.appendingPathComponent("flip.zip")
        try archive.write(to: zip, toolVersion: "0.1.0")
        var bytes = Array(try Data(contentsOf: zip))
        let name = "experiment/exp/a.bin"
        bytes[30 + name.utf8.count + 2000] ^= 0x20
        try Data(bytes).write(to: zip)
        let report = try ArchiveVerifier.verify(zip)
        #expect(report.changed.map(\.path) == [name])
        #expect(report.intactCount == 1)
    }

    @Test func missingManifestIsAnError() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var builder = ZipBuilder()
        builder.add("a.txt", "hello")
        let zip = temp.url.appendingPathComponent("plain.zip")
        try Data(builder.bytes()).write(to: zip)
        let error = try #require(throws: ArchiveError.self) { try ArchiveVerifier.verify(zip) }
        #expect(error.kind == .manifest)
        #expect(error.message.contains("no MANIFEST.json"))
    }

    @Test func invalidManifestIsAnError() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var builder = ZipBuilder()
        builder.add("MANIFEST.json", "{\"format\": 1, \"tool\": \"aim-spacy\"}")
        let zip = temp.url.appendingPathComponent("bad.zip")
        try Data(builder.bytes()).write(to: zip)
        let error = try #require(throws: ArchiveError.self) { try ArchiveVerifier.verify(zip) }
        #expect(error.kind == .manifest)
        #expect(error.message.contains("missing key"))
    }

    @Test func truncatedArchiveIsAnError() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (zip, _) = try original(in: temp)
        let bytes = try Data(contentsOf: zip)
        try bytes.prefix(bytes.count / 2).write(to: zip)
        let error = try #require(throws: ArchiveError.self) { try ArchiveVerifier.verify(zip) }
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("truncated"))
    }

    @Test func notAZipIsAnError() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let file = temp.url.appendingPathComponent("text.zip")
        try Data("just some text, definitely not a zip archive".utf8).write(to: file)
        let error = try #require(throws: ArchiveError.self) { try ArchiveVerifier.verify(file) }
        #expect(error.kind == .corrupt)
    }
}
