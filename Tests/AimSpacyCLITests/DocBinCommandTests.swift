import AimSpacyDecoding
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyTestSupport
import Foundation
import Testing

/// `aim-spacy docbin dump|stats`: output equal to spaCy's, and one-line errors with non-zero exit.
@Suite struct DocBinCommandTests {
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        try AimSpacyBinary.runRaw(arguments)
    }

    @Test(arguments: ["dev", "train"])
    func dumpIsByteIdenticalToSpacy(_ name: String) throws {
        var output = ""
        try DocBinDump.run(path: Fixture.url("corpus/\(name).spacy").path) { output += $0 }
        #expect(output == String(decoding: try Fixture.data("expected/\(name).docs.jsonl"), as: UTF8.self))
    }

    @Test func commandDumpsJSONLines() throws {
        let result = try Self.run(["docbin", "dump", Fixture.url("docbin/unicode.spacy").path])
        #expect(result.status == 0)
        #expect(result.stdout == (try Fixture.data("docbin/unicode.docs.jsonl")))
    }

    @Test func statsJSONCountsAsSpacy() throws {
        let result = try Self.run(["docbin", "stats", "--json", Fixture.url("corpus/dev.spacy").path])
        #expect(result.status == 0)
        let stats = try JSONValue.parse(String(decoding: result.stdout, as: UTF8.self))
        let expected = try JSONValue.parse(String(decoding: try Fixture.data("docbin/stats.json"), as: UTF8.self))
        let want = try #require(expected["corpus/dev.spacy"])
        #expect(stats["docs"] == want["docs"])
        #expect(stats["tokens"] == want["tokens"])
        #expect(stats["sentences"] == want["sentences"])
        #expect(stats["entities_by_label"] == want["entities"])
        #expect(stats["compressed_bytes"] == .int(try Fixture.data("corpus/dev.spacy").count))
        let table = try Self.run(["docbin", "stats", Fixture.url("corpus/dev.spacy").path])
        #expect(table.status == 0)
        #expect(String(decoding: table.stdout, as: UTF8.self).contains("PERSON"))
    }

    @Test(arguments: [
        ("docbin/bad-head.spacy", "byte 945 (tokens[doc 1].HEAD): error: HEAD offset"),
        ("configs/ner.cfg", "error: zlib: invalid compressed data"),
        ("no/such/file.spacy", "cannot read the file"),
    ])
    func badInputIsOneLineOnStderr(_ path: String, _ expected: String) throws {
        let file = path.hasPrefix("no/") ? path : Fixture.url(path).path
        let result = try Self.run(["docbin", "dump", file])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("aim-spacy: \(file)"))
        #expect(result.stderr.contains(expected))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }
}
