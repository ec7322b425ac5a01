import AimSpacyDisplacy
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyTestSupport
import Foundation
import Testing

/// `aim-spacy displacy`: the pipeline with the real DocBin decoder, and the binary's output and errors.
@Suite struct DisplacyCommandTests {
    /// Runs the built `aim-spacy` with `arguments`; returns exit status, stdout and stderr.
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let result = try AimSpacyBinary.run(arguments)
        return (result.status, result.stdout, result.stderr)
    }

    @Test(arguments: [
        ("dep", "{}"), ("dep_compact_lemma", #"{"compact": true, "add_lemma": true}"#),
        ("dep_collapse", #"{"collapse_punct": true, "fine_grained": true}"#), ("ent", "{}"),
        ("ent_filtered", ##"{"ents": ["PERSON"], "colors": {"PERSON": "#ff0000"}}"##), ("span", #"{"spans_key": "sc"}"#),
    ])
    func jsonlEqualsSpacy(variant: String, options: String) throws {
        let expected = try Fixture.jsonLines("expected/dev.displacy.jsonl")
        let style = variant.hasPrefix("dep") ? "dep" : variant.hasPrefix("ent") ? "ent" : "span"
        let request = DisplacyRequest(
            path: Fixture.url("corpus/dev.spacy").path, style: try #require(DisplacyStyle(rawValue: style)), optionsJSON: options,
            limit: 20, jsonl: true)
        var bytes: [UInt8] = []
        try DisplacyRun.run(request, open: DisplacyDocBin.open) { bytes += $0 }
        let output = String(decoding: bytes, as: UTF8.self)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 21 && lines.last == "")
        for (i, line) in lines.prefix(20).enumerated() {
            let markup = try #require(try JSONValue.parse(String(line)).stringValue)
            #expect(normalizeID(markup) == expected[i][variant]?.stringValue, "doc \(i) \(variant)")
        }
    }

    @Test func binaryRendersOffsetAndLimitAsOnePage() throws {
        let cases = try Fixture.jsonLines("displacy/cases.jsonl")
        let want = try #require(cases.first { $0["name"]?.stringValue == "dep_multi_page" }?["expected"]?.stringValue)
        let result = try Self.run([
            "displacy", Fixture.url("corpus/dev.spacy").path, "--style", "dep", "--offset", "1", "--limit", "2", "--page",
        ])
        #expect(result.status == 0)
        #expect(result.err.isEmpty)
        #expect(normalizeID(result.out) == want + "\n")
    }

    @Test func binaryRendersRightToLeftWithLang() throws {
        let cases = try Fixture.jsonLines("displacy/cases.jsonl")
        let want = try #require(cases.first { $0["name"]?.stringValue == "ent_arabic" }?["expected"]?.stringValue)
        // docs.spacy holds the arabic doc at index 3 (scripts/make_displacy_fixtures.py).
        let result = try Self.run([
            "displacy", Fixture.url("displacy/docs.spacy").path, "--style", "ent", "--lang", "ar", "--offset", "3",
            "--limit", "1",
        ])
        #expect(result.status == 0)
        #expect(result.out == want + "\n")
    }

    @Test(arguments: [
        (["--style", "tree"], "--style"),
        (["--options", "{\"compact\": tru}"], "--options: 1:"),
        (["--options", "[1]"], "--options"),
        (["--style", "ent", "--options", "{\"template\": \"{nope}\"}"], "error:"),
    ])
    func badFlagsAreOneLineErrors(flags: [String], fragment: String) throws {
        let result = try Self.run(["displacy", Fixture.url("corpus/dev.spacy").path] + flags)
        #expect(result.status != 0)
        #expect(result.out.isEmpty)
        #expect(result.err.contains(fragment))
        #expect(result.err.split(separator: "\n").count == 1)
    }

    @Test func unreadableAndCorruptFilesAreOneLineErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("displacy-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let corrupt = dir.appendingPathComponent("corrupt.spacy")
        let good = try Data(contentsOf: Fixture.url("corpus/dev.spacy"))
        try good.prefix(good.count / 2).write(to: corrupt)
        for path in [dir.appendingPathComponent("missing.spacy").path, corrupt.path] {
            let result = try Self.run(["displacy", path])
            #expect(result.status != 0)
            #expect(result.err.contains(path))
            #expect(result.err.split(separator: "\n").count == 1)
        }
    }
}
