import AimSpacyArchive
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// Archives from a stranger: each is refused with a clear error and nothing is written, neither
/// in the target nor beside it.
struct HostileArchiveTests {
    /// A parent folder holding only the archive; the target is `parent/target`.
    private struct Scene {
        let temp: TemporaryDirectory
        let parent: URL
        let target: URL
        let zip: URL

        init(_ bytes: [UInt8]) throws {
            temp = try TemporaryDirectory()
            parent = temp.url.appendingPathComponent("parent")
            target = parent.appendingPathComponent("target")
            zip = temp.url.appendingPathComponent("hostile.zip")
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try Data(bytes).write(to: zip)
        }

        /// Extracts, expecting a refusal of `kind`; checks nothing was written anywhere.
        func expectRefused(_ kind: ArchiveError.Kind, mentioning text: String, limits: ExtractionLimits = ExtractionLimits()) throws {
            let before = ExperimentFixture.listing(temp.url)
            let error = try #require(throws: ArchiveError.self) {
                try ArchiveExtractor(limits: limits).extract(zip, to: target)
            }
            #expect(error.kind == kind, "\(error)")
            #expect(error.message.contains(text), "\(error)")
            #expect(error.message.contains(zip.path), "the error names the archive: \(error)")
            #expect(ExperimentFixture.listing(parent).isEmpty, "nothing written beside or in the target")
            #expect(ExperimentFixture.listing(temp.url) == before)
        }
    }

    private func zip(_ items: [(String, String)], mode: UInt32 = 0o100644) -> [UInt8] {
        var builder = ZipBuilder()
        for (name, text) in items { builder.add(name, text, mode: mode) }
        return builder.bytes()
    }

    @Test(arguments: ["../evil.txt", "a/../../evil.txt", "ok/../../../evil.txt", "..", "a/./b.txt", "a//b.txt"])
    func dotDotEntriesAreRefused(name: String) throws {
        let scene = try Scene(zip([("fine.txt", "fine"), (name, "evil")]))
        defer { scene.temp.remove() }
        try scene.expectRefused(.unsafePath, mentioning: name)
    }

    @Test(arguments: ["/tmp/evil.txt", "/etc/passwd", "C:/evil.txt", "..\\evil.txt", "a\\..\\..\\evil.txt"])
    func absoluteAndBackslashEntriesAreRefused(name: String) throws {
        let scene = try Scene(zip([("fine.txt", "fine"), (name, "evil")]))
        defer { scene.temp.remove() }
        try scene.expectRefused(.unsafePath, mentioning: "refusing")
    }

    @Test func symlinkEntriesAreRefused() throws {
        var builder = ZipBuilder()
        builder.add("fine.txt", "fine")
        builder.add("link", "../../../../etc", mode: 0o120777)
        builder.add("link/passwd", "evil")
        let scene = try Scene(builder.bytes())
        defer { scene.temp.remove() }
        try scene.expectRefused(.symlink, mentioning: "'link' is a symlink")
    }

    /// A symlink already in the target must not be followed, even with `--force`.
    @Test func symlinkInTargetIsNotFollowed() throws {
        let scene = try Scene(zip([("escape/evil.txt", "evil")]))
        defer { scene.temp.remove() }
        let outside = scene.temp.url.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scene.target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: scene.target.appendingPathComponent("escape"), withDestinationURL: outside)
        let error = try #require(throws: ArchiveError.self) {
            try ArchiveExtractor().extract(scene.zip, to: scene.target, force: true)
        }
        #expect(error.kind == .symlink)
        #expect(ExperimentFixture.listing(outside).isEmpty)
        #expect(ExperimentFixture.listing(scene.target) == ["escape"])
    }

    /// High ratio: 20 MiB of zeros deflate to ~20 KiB, refused before inflating anything.
    @Test func highRatioBombIsRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let zeros = temp.url.appendingPathComponent("zeros.bin")
        #expect(FileManager.default.createFile(atPath: zeros.path, contents: nil))
        let handle = try FileHandle(forWritingTo: zeros)
        try handle.truncate(atOffset: 20 << 20)
        try handle.close()
        let zip = temp.url.appendingPathComponent("bomb.zip")
        try ArchiveWriter(toolVersion: "0").write([ArchiveEntrySource(path: "zeros.bin", content: .file(zeros))], to: zip)
        let scene = try Scene(Array(try Data(contentsOf: zip)))
        defer { scene.temp.remove() }
        try scene.expectRefused(.limitExceeded, mentioning: "zip bomb")
        // A total-size limit below the declared size refuses it as well, whatever the ratio.
        try scene.expectRefused(.limitExceeded, mentioning: "in total", limits: ExtractionLimits(maxTotalBytes: 1 << 20, maxRatio: .max))
    }

    /// Folders created for the target (here two levels deep) are removed again after a refusal.
    @Test func createdParentsAreRemovedAfterARefusal() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let source = temp.url.appendingPathComponent("data.bin")
        try Data(count: 1 << 20).write(to: source)
        let zip = temp.url.appendingPathComponent("liar.zip")
        try ArchiveWriter(toolVersion: "0").write([ArchiveEntrySource(path: "data.bin", content: .file(source))], to: zip)
        var bytes = Array(try Data(contentsOf: zip))
        try Self.patchUncompressedSize(of: "data.bin", in: &bytes, to: 10)
        try Data(bytes).write(to: zip)
        let target = temp.url.appendingPathComponent("new/deeper/target")
        #expect(throws: ArchiveError.self) { try ArchiveExtractor().extract(zip, to: target) }
        #expect(ExperimentFixture.listing(temp.url) == ["data.bin", "liar.zip"])
    }

    @Test func tooManyEntriesAreRefused() throws {
        var builder = ZipBuilder()
        for index in 0..<50 { builder.add("f\(index).txt", "x") }
        let scene = try Scene(builder.bytes())
        defer { scene.temp.remove() }
        try scene.expectRefused(.limitExceeded, mentioning: "50 entries", limits: ExtractionLimits(maxEntries: 20))
    }

    /// The header says 10 bytes, the data inflates to 1 MiB: the extraction stops at byte 10.
    @Test func lyingSizeIsRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let source = temp.url.appendingPathComponent("data.bin")
        try Data(count: 1 << 20).write(to: source)
        let zip = temp.url.appendingPathComponent("liar.zip")
        try ArchiveWriter(toolVersion: "0").write([ArchiveEntrySource(path: "data.bin", content: .file(source))], to: zip)
        var bytes = Array(try Data(contentsOf: zip))
        try Self.patchUncompressedSize(of: "data.bin", in: &bytes, to: 10)
        let scene = try Scene(bytes)
        defer { scene.temp.remove() }
        try scene.expectRefused(.limitExceeded, mentioning: "more than the 10 bytes its header declares")
    }

    /// A deflate stream cut short by a lying compressed size: refused, not looped on forever.
    @Test func truncatedDeflateStreamIsRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let source = temp.url.appendingPathComponent("data.bin")
        try Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 ^ $0 >> 5) }).write(to: source)
        let zip = temp.url.appendingPathComponent("cut.zip")
        try ArchiveWriter(toolVersion: "0").write([ArchiveEntrySource(path: "data.bin", content: .file(source))], to: zip)
        var bytes = Array(try Data(contentsOf: zip))
        try Self.patchCompressedSize(of: "data.bin", in: &bytes, to: 1000)
        let scene = try Scene(bytes)
        defer { scene.temp.remove() }
        try scene.expectRefused(.corrupt, mentioning: "ends early")
    }

    @Test func truncatedArchiveIsRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = try ExperimentFixture.make(in: temp.url)
        var archive = ExperimentArchive()
        try archive.addFolder(folder, includeModels: true)
        let zip = temp.url.appendingPathComponent("whole.zip")
        try archive.write(to: zip, toolVersion: "0")
        let bytes = Array(try Data(contentsOf: zip))
        for length in [0, 10, bytes.count / 3, bytes.count - 30] {
            let scene = try Scene(Array(bytes.prefix(length)))
            defer { scene.temp.remove() }
            try scene.expectRefused(.corrupt, mentioning: "truncated")
        }
    }

    @Test func existingFilesNeedForce() throws {
        let scene = try Scene(zip([("a.txt", "from the archive"), ("sub/b.txt", "b")]))
        defer { scene.temp.remove() }
        try ArchiveExtractor().extract(scene.zip, to: scene.target)
        let a = scene.target.appendingPathComponent("a.txt")
        try Data("edited".utf8).write(to: a)
        let error = try #require(throws: ArchiveError.self) { try ArchiveExtractor().extract(scene.zip, to: scene.target) }
        #expect(error.kind == .exists)
        #expect(error.message.contains("a.txt") && error.message.contains("--force"))
        #expect(try String(contentsOf: a, encoding: .utf8) == "edited")
        let summary = try ArchiveExtractor().extract(scene.zip, to: scene.target, force: true)
        #expect(summary.files == ["a.txt", "sub/b.txt"])
        #expect(try String(contentsOf: a, encoding: .utf8) == "from the archive")
        #expect(ExperimentFixture.listing(scene.target) == ["a.txt", "sub"])
    }

    @Test func duplicateEntriesAreRefused() throws {
        let scene = try Scene(zip([("a.txt", "one"), ("a.txt", "two")]))
        defer { scene.temp.remove() }
        try scene.expectRefused(.unsafePath, mentioning: "twice")
    }

    // MARK: Patching headers

    /// Sets the uncompressed size of `name` in both its local header and its central record.
    static func patchUncompressedSize(of name: String, in bytes: inout [UInt8], to size: UInt32) throws {
        try patch(name, in: &bytes, localField: 22, centralField: 24, value: size)
    }

    static func patchCompressedSize(of name: String, in bytes: inout [UInt8], to size: UInt32) throws {
        try patch(name, in: &bytes, localField: 18, centralField: 20, value: size)
    }

    private static func patch(_ name: String, in bytes: inout [UInt8], localField: Int, centralField: Int, value: UInt32) throws {
        let nameBytes = Array(name.utf8)
        var patched = 0
        for start in 0..<(bytes.count - 46) {
            let signature = ZipBuilder.le32(0x0403_4b50), central = ZipBuilder.le32(0x0201_4b50)
            let head = Array(bytes[start..<(start + 4)])
            if head == signature, Array(bytes[(start + 30)..<(start + 30 + nameBytes.count)]) == nameBytes {
                bytes.replaceSubrange((start + localField)..<(start + localField + 4), with: ZipBuilder.le32(value))
                patched += 1
            } else if head == central, Array(bytes[(start + 46)..<(start + 46 + nameBytes.count)]) == nameBytes {
                bytes.replaceSubrange((start + centralField)..<(start + centralField + 4), with: ZipBuilder.le32(value))
                patched += 1
            }
        }
        try #require(patched == 2)
    }
}

/// Archives made by other tools or crafted by hand: odd but valid ones are read, tricks refused.
struct ForeignArchiveTests {
    @Test func zip64RecordsAreRead() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var builder = ZipBuilder()
        builder.zip64 = true
        builder.add("a.txt", "first")
        builder.add("dir/b.txt", "second")
        let zip = temp.url.appendingPathComponent("z64.zip")
        try Data(builder.bytes()).write(to: zip)
        let summary = try ArchiveExtractor().extract(zip, to: temp.url.appendingPathComponent("t"))
        #expect(summary.files == ["a.txt", "dir/b.txt"])
        #expect(try String(contentsOf: temp.url.appendingPathComponent("t/dir/b.txt"), encoding: .utf8) == "second")
    }

    /// Two names for the same bytes: the overlapping-entries zip bomb.
    @Test func overlappingEntriesAreRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var builder = ZipBuilder()
        builder.add("a.txt", "shared data")
        builder.aliases = [("b.txt", 0)]
        let zip = temp.url.appendingPathComponent("overlap.zip")
        try Data(builder.bytes()).write(to: zip)
        let target = temp.url.appendingPathComponent("t")
        let error = try #require(throws: ArchiveError.self) { try ArchiveExtractor().extract(zip, to: target) }
        #expect(error.kind == .limitExceeded)
        #expect(error.message.contains("overlapping"))
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test(arguments: [(UInt16(0x0801), UInt16(0), "encrypted"), (UInt16(0x0800), UInt16(12), "compression method 12")])
    func unsupportedEntriesAreRefused(flags: UInt16, method: UInt16, text: String) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var builder = ZipBuilder()
        builder.add("ok.txt", "fine")
        builder.add("odd.bin", "data")
        builder.items[1].flags = flags
        builder.items[1].method = method
        let zip = temp.url.appendingPathComponent("odd.zip")
        try Data(builder.bytes()).write(to: zip)
        let target = temp.url.appendingPathComponent("t")
        let error = try #require(throws: ArchiveError.self) { try ArchiveExtractor().extract(zip, to: target) }
        #expect(error.kind == .unsupported)
        #expect(error.message.contains(text))
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    /// Archiving a folder into itself does not archive the previous archive there.
    @Test func archiveInsideTheFolderIsNotArchived() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = try ExperimentFixture.make(in: temp.url)
        let zip = folder.appendingPathComponent("exp.zip")
        for _ in 0..<2 {
            var archive = ExperimentArchive()
            try archive.addFolder(folder, includeModels: false)
            let manifest = try archive.write(to: zip, toolVersion: "0")
            #expect(!manifest.entries.map(\.path).contains("experiment/ner-run/exp.zip"))
        }
        #expect(try ArchiveVerifier.verify(zip).isIntact)
    }
}

/// Entry lists that cannot all be files and folders at once.
struct ConflictingEntryTests {
    @Test(arguments: [
        [("a", "file"), ("a/b.txt", "nested")],
        [("a/b.txt", "nested"), ("a", "file")],
        [("dir/", ""), ("dir", "file")],
    ])
    func fileAndFolderOfTheSameNameAreRefused(items: [(String, String)]) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var builder = ZipBuilder()
        for (name, text) in items { builder.add(name, text, mode: name.hasSuffix("/") ? 0o040755 : 0o100644) }
        let zip = temp.url.appendingPathComponent("conflict.zip")
        try Data(builder.bytes()).write(to: zip)
        let target = temp.url.appendingPathComponent("t")
        let error = try #require(throws: ArchiveError.self) { try ArchiveExtractor().extract(zip, to: target) }
        #expect(error.kind == .unsafePath, "\(error)")
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    /// A file in the target where the archive needs a folder is never replaced, even with `force`.
    @Test func fileInTheWayOfAFolderIsRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var builder = ZipBuilder()
        builder.add("sub/a.txt", "a")
        let zip = temp.url.appendingPathComponent("x.zip")
        try Data(builder.bytes()).write(to: zip)
        let target = temp.url.appendingPathComponent("t")
        try ExperimentFixture.write(Array("keep".utf8), to: target.appendingPathComponent("sub"))
        let error = try #require(throws: ArchiveError.self) { try ArchiveExtractor().extract(zip, to: target, force: true) }
        #expect(error.kind == .exists)
        #expect(ExperimentFixture.listing(target) == ["sub"])
        #expect(try String(contentsOf: target.appendingPathComponent("sub"), encoding: .utf8) == "keep")
    }
}

/// Damaged archives: whatever bytes are changed, verify and extract end with a result or an
/// `ArchiveError`, never a crash, and a refused extraction leaves nothing behind.
struct DamagedArchiveTests {
    @Test func randomByteDamageNeverCrashes() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = try ExperimentFixture.make(in: temp.url)
        var archive = ExperimentArchive()
        try archive.addFolder(folder, includeModels: true)
        let original = temp.url.appendingPathComponent("original.zip")
        try archive.write(to: original, toolVersion: "0")
        let pristine = Array(try Data(contentsOf: original))
        var generator = SplitMix64(seed: 42)
        let damaged = temp.url.appendingPathComponent("damaged.zip")
        var refused = 0
        for round in 0..<150 {
            var bytes = pristine
            // Damage the tail (central directory and end record) half of the time: it holds the offsets.
            let region = round % 2 == 0 ? 0..<bytes.count : max(0, bytes.count - 1200)..<bytes.count
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: region, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            try Data(bytes).write(to: damaged)
            _ = try? ArchiveVerifier.verify(damaged)
            let target = temp.url.appendingPathComponent("t\(round)")
            do {
                try ArchiveExtractor().extract(damaged, to: target)
                try FileManager.default.removeItem(at: target)
            } catch is ArchiveError {
                refused += 1
                #expect(!FileManager.default.fileExists(atPath: target.path), "round \(round)")
            }
        }
        #expect(refused > 0)
    }
}
