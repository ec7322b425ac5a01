import AimSpacyArchive
import AimSpacyTestSupport
import Foundation
import Testing

/// Archives of the trainings spaCy wrote in `Fixtures/trainings` (read in place from the repository).
struct SpacyTrainingArchiveTests {
    static let trainings = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/trainings")

    @Test func bothTrainingsRoundTripWithTheirLayout() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folders = ["ner-aim", "spancat-jsonl"].map { Self.trainings.appendingPathComponent($0) }
        var archive = ExperimentArchive()
        for folder in folders { try archive.addFolder(folder, includeModels: false) }
        let archiveURL = temp.url.appendingPathComponent("trainings.zip")
        let manifest = try archive.write(to: archiveURL, toolVersion: "0.1.0")
        #expect(manifest.experiments == ["experiment/ner-aim", "experiment/spancat-jsonl"])
        #expect(try ArchiveVerifier.verify(archiveURL).isIntact)

        let opened = try ArchivedExperiments.extract(archiveURL)
        defer { try? FileManager.default.removeItem(at: opened.root) }
        #expect(opened.folders.count == 2)
        for (original, extracted) in zip(folders, opened.folders) {
            #expect(extracted.lastPathComponent == original.lastPathComponent)
            let tree = try ExperimentFixture.tree(original)
            #expect(!tree.isEmpty)
            #expect(try ExperimentFixture.tree(extracted) == tree)
        }
    }

    @Test func changedArchiveIsNotOpenedForImport() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var archive = ExperimentArchive()
        try archive.addFolder(Self.trainings.appendingPathComponent("ner-aim"), includeModels: false)
        let zip = temp.url.appendingPathComponent("t.zip")
        try archive.write(to: zip, toolVersion: "0.1.0")
        var bytes = Array(try Data(contentsOf: zip))
        try HostileArchiveTests.patchUncompressedSize(of: "experiment/ner-aim/train.log", in: &bytes, to: 3)
        try Data(bytes).write(to: zip)
        let error = try #require(throws: ArchiveError.self) { try ArchivedExperiments.extract(zip) }
        #expect(error.message.contains("does not match its manifest"))
        #expect(error.message.contains("experiment/ner-aim/train.log"))
    }
}
