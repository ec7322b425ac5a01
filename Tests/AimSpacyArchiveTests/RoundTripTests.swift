import AimSpacyArchive
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// Folder → archive → verify → extract gives the same files; the same inputs give the same bytes.
struct RoundTripTests {
    private func archive(_ folder: URL, to out: URL, includeModels: Bool = false) throws -> ArchiveManifest {
        var archive = ExperimentArchive()
        try archive.addFolder(folder, includeModels: includeModels)
        archive.addRuns(["0123456789abcdef01234567": Array("{\"hash\":\"0123456789abcdef01234567\"}".utf8)])
        archive.addReport(["index.html": Array("<html></html>".utf8)])
        return try archive.write(to: out, toolVersion: "0.1.0")
    }

    @Test func folderSurvivesArchiveVerifyExtract() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = try ExperimentFixture.make(in: temp.url)
        let zip = temp.url.appendingPathComponent("out.zip")
        let manifest = try archive(folder, to: zip)
        #expect(manifest.experiments == ["experiment/ner-run"])
        #expect(manifest.runs == ["0123456789abcdef01234567"])

        let report = try ArchiveVerifier.verify(zip)
        #expect(report.isIntact)
        #expect(report.intactCount == ExperimentFixture.kept.count + 2)

        let target = temp.url.appendingPathComponent("extracted")
        try ArchiveExtractor().extract(zip, to: target)
        let extracted = try ExperimentFixture.tree(target.appendingPathComponent("experiment/ner-run"))
        let expected = ExperimentFixture.kept.mapValues { SHA256.hex(Array($0.utf8)) }
        #expect(extracted == expected)
        #expect(try Data(contentsOf: target.appendingPathComponent("report/index.html")) == Data("<html></html>".utf8))
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("runs/0123456789abcdef01234567.json").path))
        // The manifest's sha256 agrees with the extracted files.
        for entry in manifest.entries {
            let bytes = Array(try Data(contentsOf: target.appendingPathComponent(entry.path)))
            #expect(SHA256.hex(bytes) == entry.sha256, "\(entry.path)")
            #expect(UInt64(bytes.count) == entry.size)
        }
    }

    @Test func includeModelsKeepsWeights() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = try ExperimentFixture.make(in: temp.url)
        let zip = temp.url.appendingPathComponent("out.zip")
        _ = try archive(folder, to: zip, includeModels: true)
        let target = temp.url.appendingPathComponent("x")
        try ArchiveExtractor().extract(zip, to: target)
        #expect(try ExperimentFixture.tree(target.appendingPathComponent("experiment/ner-run")) == ExperimentFixture.tree(folder))
    }

    @Test func archivingTwiceGivesIdenticalBytes() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = try ExperimentFixture.make(in: temp.url.appendingPathComponent("a"))
        let first = temp.url.appendingPathComponent("first.zip")
        _ = try archive(folder, to: first, includeModels: true)
        // A copy made later (other modification times, other location) archives to the same bytes.
        let copyParent = temp.url.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: copyParent, withIntermediateDirectories: true)
        let copy = copyParent.appendingPathComponent("ner-run")
        try FileManager.default.copyItem(at: folder, to: copy)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: copy.appendingPathComponent("train.log").path)
        let second = temp.url.appendingPathComponent("second.zip")
        _ = try archive(copy, to: second, includeModels: true)
        let a = try Data(contentsOf: first), b = try Data(contentsOf: second)
        #expect(a.count > 0)
        #expect(a == b)
    }

    @Test func archivedExperimentsExtractForImport() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = try ExperimentFixture.make(in: temp.url)
        let zip = temp.url.appendingPathComponent("out.zip")
        _ = try archive(folder, to: zip, includeModels: true)
        let opened = try ArchivedExperiments.extract(zip)
        defer { try? FileManager.default.removeItem(at: opened.root) }
        #expect(opened.folders.map(\.lastPathComponent) == ["ner-run"])
        let first = try #require(opened.folders.first)
        #expect(try ExperimentFixture.tree(first) == ExperimentFixture.tree(folder))
    }

    @Test func manifestIsSortedJSON() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = try ExperimentFixture.make(in: temp.url)
        let zip = temp.url.appendingPathComponent("out.zip")
        _ = try archive(folder, to: zip)
        let target = temp.url.appendingPathComponent("x")
        try ArchiveExtractor().extract(zip, to: target)
        let text = try String(contentsOf: target.appendingPathComponent("MANIFEST.json"), encoding: .utf8)
        let json = try JSONValue.parse(text)
        guard case .object(let pairs) = json else {
            Issue.record("manifest is not an object")
            return
        }
        let keys = pairs.map(\.key)
        #expect(keys == keys.sorted())
        #expect(keys.contains("runs") && keys.contains("toolVersion") && keys.contains("entries"))
        #expect(json["toolVersion"]?.stringValue == "0.1.0")
    }
}
