import AimSpacyArchive
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// Opening an archive for import hashes each file while extracting it: what `verify` would find
/// still refuses the archive, and an intact archive still passes every extraction check.
struct ArchivedExperimentsTests {
    private let name = "experiment/x/a.txt"

    /// A hand-built archive of `items` whose manifest lists `listed` (name → bytes).
    private func archive(
        _ items: [ZipBuilder.Item], listing listed: [(String, [UInt8])], in temp: TemporaryDirectory
    ) throws -> URL {
        let entries = listed.map { ArchiveManifest.Entry(path: $0.0, size: UInt64($0.1.count), sha256: SHA256.hex($0.1)) }
        let manifest = ArchiveManifest(toolVersion: "0", experiments: ["experiment/x"], runs: [], entries: entries)
        var builder = ZipBuilder()
        builder.items = items
        builder.add(ArchiveManifest.entryName, try manifest.encoded())
        let zip = temp.url.appendingPathComponent("x.zip")
        try Data(builder.bytes()).write(to: zip)
        return zip
    }

    private func item(_ path: String, _ text: String, declaredSize: UInt32? = nil) -> ZipBuilder.Item {
        ZipBuilder.Item(name: path, data: Array(text.utf8), declaredSize: declaredSize)
    }

    @Test func intactHandBuiltArchiveOpens() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let zip = try archive([item(name, "hello")], listing: [(name, Array("hello".utf8))], in: temp)
        let opened = try ArchivedExperiments.extract(zip)
        defer { try? FileManager.default.removeItem(at: opened.root) }
        let folder = try #require(opened.folders.first)
        #expect(try Data(contentsOf: folder.appendingPathComponent("a.txt")) == Data("hello".utf8))
    }

    /// Same size, other bytes: only the hash taken while extracting tells them apart.
    @Test func changedBytesOfTheListedSizeAreRefused() throws {
        let error = try refusal([item(name, "hellO")], listing: [(name, Array("hello".utf8))])
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("does not match its manifest: changed: \(name) (sha256"))
    }

    /// A path listed twice with two digests cannot match both.
    @Test func pathListedTwiceWithTwoDigestsIsRefused() throws {
        let error = try refusal([item(name, "hello")], listing: [(name, Array("hello".utf8)), (name, Array("world".utf8))])
        #expect(error.message.contains("does not match its manifest: changed: \(name) (sha256"))
    }

    /// The header and the manifest agree on 2 bytes; the stored data holds 5.
    @Test func lyingSizeListedInTheManifestIsRefused() throws {
        let error = try refusal([item(name, "hello", declaredSize: 2)], listing: [(name, Array("he".utf8))])
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("does not match its manifest"))
        #expect(error.message.contains("different compressed and uncompressed sizes"))
    }

    /// A manifest that lists an unsafe name does not make it safe to extract.
    @Test func listedDotDotEntryIsRefused() throws {
        let evil = "experiment/../../evil.txt"
        let error = try refusal([item(evil, "evil")], listing: [(evil, Array("evil".utf8))], intact: true)
        #expect(error.kind == .unsafePath)
        #expect(error.message.contains("'..' component"))
    }

    @Test func symlinkEntryIsRefused() throws {
        var link = item(name, "/etc/passwd")
        link.mode = 0o120777
        let error = try refusal([link], listing: [(name, Array("/etc/passwd".utf8))])
        #expect(error.message.contains("does not match its manifest: changed: \(name) (is a symlink, expected a file)"))
    }

    /// The error opening the archive of `items` listing `listed` for import, checking first that
    /// `verify` refuses it too: by naming the differences, or (when the manifest matches, `intact`)
    /// by the entry rules `extract` and `import` apply.
    private func refusal(
        _ items: [ZipBuilder.Item], listing listed: [(String, [UInt8])], intact: Bool = false
    ) throws -> ArchiveError {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let zip = try archive(items, listing: listed, in: temp)
        if intact {
            #expect(throws: ArchiveError.self) { try ArchiveVerifier.verify(zip) }
        } else {
            #expect(try ArchiveVerifier.verify(zip).isIntact == false)
        }
        return try #require(throws: ArchiveError.self) { try ArchivedExperiments.extract(zip) }
    }
}
