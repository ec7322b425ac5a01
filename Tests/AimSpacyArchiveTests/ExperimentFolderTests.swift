import AimSpacyArchive
import AimSpacyTestSupport
import Foundation
import Testing

/// What goes into an archive from an experiment folder.
struct ExperimentFolderTests {
    @Test func modelWeightsAreLeftOutButMetaAndConfigKept() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = try ExperimentFixture.make(in: temp.url)
        let collection = try ExperimentFolder.entries(root: folder, includeModels: false, prefix: "experiment/ner-run")
        #expect(collection.entries.map(\.path) == ExperimentFixture.kept.keys.map { "experiment/ner-run/\($0)" }.sorted())
        #expect(collection.notes == ["left out 3 model weight file(s); --include-models keeps them"])
    }

    @Test func includeModelsKeepsEverything() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = try ExperimentFixture.make(in: temp.url)
        let collection = try ExperimentFolder.entries(root: folder, includeModels: true, prefix: "")
        let expected = (Array(ExperimentFixture.kept.keys) + Array(ExperimentFixture.weights.keys)).sorted()
        #expect(collection.entries.map(\.path) == expected)
        #expect(collection.notes.isEmpty)
    }

    @Test(arguments: [
        (["training", "model-best", "meta.json"], false),
        (["training", "model-best", "config.cfg"], false),
        (["model-last", "meta.json"], false),
        (["training", "model-best", "ner", "cfg"], true),
        (["training", "model-best", "ner", "meta.json"], true),
        (["model-best", "vocab", "strings.json"], true),
        (["training", "model-best", "tokenizer"], true),
        (["training", "meta.json"], false),
        (["model-notes.txt"], false),
    ])
    func modelWeightRule(components: [String], isWeight: Bool) {
        #expect(ExperimentFolder.isModelWeight(components) == isWeight)
    }

    @Test func symlinksInsideAreFollowedOthersSkippedWithANote() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = temp.url.appendingPathComponent("exp")
        try ExperimentFixture.write(Array("log".utf8), to: folder.appendingPathComponent("train.log"))
        try ExperimentFixture.write(Array("secret".utf8), to: temp.url.appendingPathComponent("secret.txt"))
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent("inside.log").path, withDestinationPath: "train.log")
        try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent("outside.txt").path, withDestinationPath: "../secret.txt")
        try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")
        try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: ".")
        let collection = try ExperimentFolder.entries(root: folder, includeModels: false, prefix: "e")
        #expect(collection.entries.map(\.path) == ["e/inside.log", "e/train.log"])
        #expect(collection.notes == [
            "dangling: skipped a dangling symlink",
            "loop: skipped a symlink to a folder",
            "outside.txt: skipped a symlink pointing outside the folder",
        ])
    }

    @Test func notAFolderIsAnError() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let error = try #require(throws: ArchiveError.self) {
            try ExperimentFolder.entries(root: temp.url.appendingPathComponent("missing"), includeModels: false, prefix: "")
        }
        #expect(error.message.contains("not a folder"))
    }

    @Test func twoFoldersWithTheSameNameAreRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let first = try ExperimentFixture.make(in: temp.url.appendingPathComponent("a"))
        let second = try ExperimentFixture.make(in: temp.url.appendingPathComponent("b"))
        var archive = ExperimentArchive()
        try archive.addFolder(first, includeModels: false)
        #expect(throws: ArchiveError.self) { try archive.addFolder(second, includeModels: false) }
    }
}

/// The writer refuses entry lists that could not be extracted safely.
struct ArchiveWriterTests {
    @Test(arguments: [
        ["a.txt", "a.txt"],
        ["a", "a/b.txt"],
        ["../a.txt"],
        ["/abs.txt"],
        ["MANIFEST.json"],
        ["dir/"],
    ])
    func unsafeEntryListsAreRefused(paths: [String]) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let out = temp.url.appendingPathComponent("x.zip")
        let entries = paths.map { ArchiveEntrySource(path: $0, content: .bytes(Array("x".utf8))) }
        let error = try #require(throws: ArchiveError.self) { try ArchiveWriter(toolVersion: "0").write(entries, to: out) }
        #expect(error.kind == .unsafePath)
        #expect(ExperimentFixture.listing(temp.url).isEmpty, "no archive and no partial file left")
    }

    @Test func emptyFilesAndEmptyArchivesRoundTrip() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let empty = temp.url.appendingPathComponent("empty.bin")
        try Data().write(to: empty)
        let out = temp.url.appendingPathComponent("x.zip")
        let manifest = try ArchiveWriter(toolVersion: "0").write([ArchiveEntrySource(path: "e/empty.bin", content: .file(empty))], to: out)
        #expect(manifest.entries == [.init(path: "e/empty.bin", size: 0, sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")])
        #expect(try ArchiveVerifier.verify(out).isIntact)
        let target = temp.url.appendingPathComponent("t")
        try ArchiveExtractor().extract(out, to: target)
        #expect(try Data(contentsOf: target.appendingPathComponent("e/empty.bin")).isEmpty)
    }

    /// Entries are sorted by name whatever order the caller gives them in.
    @Test func entryOrderDoesNotMatter() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let entries = ["b.txt", "a/z.txt", "a.txt", "C.txt"].map { ArchiveEntrySource(path: $0, content: .bytes(Array($0.utf8))) }
        let first = temp.url.appendingPathComponent("1.zip"), second = temp.url.appendingPathComponent("2.zip")
        let manifest = try ArchiveWriter(toolVersion: "0").write(entries, to: first)
        try ArchiveWriter(toolVersion: "0").write(entries.reversed(), to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        #expect(manifest.entries.map(\.path) == ["C.txt", "a.txt", "a/z.txt", "b.txt"])
    }

    /// Writing over an existing archive replaces it.
    @Test func existingOutputIsReplaced() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let out = temp.url.appendingPathComponent("x.zip")
        try Data("old".utf8).write(to: out)
        try ArchiveWriter(toolVersion: "0").write([ArchiveEntrySource(path: "a.txt", content: .bytes([1, 2, 3]))], to: out)
        #expect(try ArchiveVerifier.verify(out).isIntact)
        #expect(ExperimentFixture.listing(temp.url) == ["x.zip"])
    }
}

/// Dense data is stored, everything else deflated; both read back the same.
struct CompressionChoiceTests {
    @Test func denseDataIsStoredAndTextDeflated() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var generator = SystemRandomNumberGenerator()
        let dense = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = Array(String(repeating: "epoch 1 loss 0.25 score 0.5\n", count: 4000).utf8)
        let out = temp.url.appendingPathComponent("x.zip")
        try ArchiveWriter(toolVersion: "0").write([
            ArchiveEntrySource(path: "a/dense.bin", content: .bytes(dense)),
            ArchiveEntrySource(path: "b/log.txt", content: .bytes(text)),
        ], to: out)
        let bytes = Array(try Data(contentsOf: out))
        // The first local header is `a/dense.bin`: method (offset 8) 0 = stored.
        #expect(bytes[8] == 0 && bytes[9] == 0)
        let second = 30 + "a/dense.bin".utf8.count + dense.count
        #expect(Array(bytes[second..<(second + 4)]) == [0x50, 0x4b, 0x03, 0x04])
        #expect(bytes[second + 8] == 8, "text is deflated")
        #expect(bytes.count < dense.count + text.count / 10)
        let target = temp.url.appendingPathComponent("t")
        try ArchiveExtractor().extract(out, to: target)
        #expect(Array(try Data(contentsOf: target.appendingPathComponent("a/dense.bin"))) == dense)
        #expect(Array(try Data(contentsOf: target.appendingPathComponent("b/log.txt"))) == text)
        #expect(try ArchiveVerifier.verify(out).isIntact)
    }
}
