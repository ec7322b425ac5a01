import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// SQLite repositories' object store of files; the PostgreSQL store's chunks are checked on both
/// backends in `RunStoreContractTests`.
@Suite struct ObjectStoreTests {
    /// FIPS 180-2 examples.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256MatchesTheStandardVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func largeFilesStreamIntoTheStoreUnderTheirDigest() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = ObjectStore(root: directory.url.appendingPathComponent("objects"))
        // 3 MiB + 5 bytes, not a multiple of the 1 MiB chunk or of the 64-byte block.
        var bytes = [UInt8](repeating: 0, count: 3 * 1_048_576 + 5)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 31 &+ i >> 9) }
        let source = directory.url.appendingPathComponent("corpus.spacy")
        try Data(bytes).write(to: source)
        let digest = try store.storeObject(contentsOf: source)
        #expect(digest == SHA256.hex(bytes))
        #expect(digest == (try sha256sum(source)))
        let stored = store.url(for: digest)
        #expect(stored.path.hasSuffix("objects/\(digest.prefix(2))/\(digest.dropFirst(2))"))
        #expect(try Data(contentsOf: stored) == Data(bytes))
        #expect(try store.storeObject(contentsOf: source) == digest)
        #expect(store.allObjects() == [digest])
        #expect(store.temporaryFiles().isEmpty)
    }

    @Test func aKnownDigestSkipsPresentObjectsAndCatchesChangedFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = ObjectStore(root: directory.url.appendingPathComponent("objects"))
        let source = directory.url.appendingPathComponent("train.log")
        try Data("step 0\n".utf8).write(to: source)
        let digest = SHA256.hex(Array("step 0\n".utf8))
        #expect(try store.storeObject(contentsOf: source, knownSHA256: digest) == digest)
        // Present: not read again, even though the file has changed since.
        try Data("step 0\nstep 200\n".utf8).write(to: source)
        #expect(try store.storeObject(contentsOf: source, knownSHA256: digest) == digest)
        let stale = SHA256.hex(Array("older".utf8))
        #expect(throws: RepositoryError.self) { try store.storeObject(contentsOf: source, knownSHA256: stale) }
    }

    @Test func aMissingSourceIsAnErrorNamingIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = ObjectStore(root: directory.url)
        #expect {
            try store.storeObject(contentsOf: directory.url.appendingPathComponent("absent.log"))
        } throws: { error in
            (error as? RepositoryError)?.message.contains("absent.log") == true
        }
    }

    /// The digest according to coreutils, an implementation independent of ours.
    private func sha256sum(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
