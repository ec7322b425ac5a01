import AimSpacyModel
import AimSpacyPipeline
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// Input made to hurt, given to the binary as a user would: each is refused with one located line
/// on stderr and a non-zero exit, quickly and in little memory, and the rest of the call goes on.
@Suite struct HostileInputTests {
    /// A config whose variables multiply beside a good training: the good one imports.
    @Test func aConfigBombFailsItsTrainingOnly() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let good = try sandbox.copyTraining("spancat-jsonl")
        let bad = try sandbox.copyTraining("ner-aim")
        let config = bad.appendingPathComponent("config.cfg")
        var text = try String(contentsOf: config, encoding: .utf8)
        let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        text += "\n" + HostileConfigs.interpolationBomb()
        try Data(text.utf8).write(to: config)
        let result = try AimSpacyBinary.run(["import", bad.path, good.path, "--repo", sandbox.repo.path])
        #expect(result.status != 0)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.contains("expand the config to more than"))
        #expect(error.ranges(of: "error:").count == 1, "one prefix: \(error)")
        let line = try #require(error.firstMatch(of: /config\.cfg:(\d+):5: error:/)).1
        #expect(Int(line).map { $0 > firstLine } == true, "\(error)")
        #expect(try sandbox.repository().summaries().map(\.name) == ["spancat-jsonl"])
    }

    /// A corpus that inflates 1,000×: refused by its ratio; with a size limit below it, by the limit.
    @Test func aDocBinBombIsRefusedByEveryCommandThatReadsDocBins() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let bomb = sandbox.root.appendingPathComponent("bomb.spacy")
        try Data(HostileDocBins.zeros(256 << 20)).write(to: bomb)
        for command in [["docbin", "stats"], ["docbin", "dump"], ["displacy"]] {
            let result = try AimSpacyBinary.run(command + [bomb.path])
            #expect(result.status != 0, "\(command)")
            #expect(result.stderr.contains("\(bomb.path): byte "), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("over 100×"), "\(command): \(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(command): \(result.stderr)")
        }
        let small = try AimSpacyBinary.run(["docbin", "stats", Fixture.url("corpus/dev.spacy").path, "--max-inflated-size", "10K"])
        #expect(small.status != 0)
        #expect(small.stderr.contains("more than the limit of 10240 bytes"))
        let raised = try AimSpacyBinary.run(["docbin", "stats", Fixture.url("corpus/dev.spacy").path, "--max-inflated-size", "1G"])
        #expect(raised.status == 0)
        let nonsense = try AimSpacyBinary.run(["displacy", Fixture.url("corpus/dev.spacy").path, "--max-inflated-size", "lots"])
        #expect(nonsense.status != 0)
        #expect(nonsense.stderr == "error: --max-inflated-size: expected a size such as 512M or 4G, got 'lots'\n")
    }

    /// The corpora a config names are read with the import's limit; a corpus that cannot be read is
    /// a warning of its run, as before, saying where and why.
    @Test func importReadsCorporaWithinItsLimit() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("ner-aim")
        let result = try AimSpacyBinary.run(["import", folder.path, "--repo", sandbox.repo.path, "--max-inflated-size", "1K"])
        #expect(result.status == 0)
        let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ner-aim: corpus ") }
        #expect(warnings.count == 2, "\(result.stderr)")
        for warning in warnings {
            #expect(warning.contains(".spacy: byte "), "\(warning)")
            #expect(warning.hasSuffix("error: zlib: inflates to more than the limit of 1024 bytes (raise it with --max-inflated-size)"))
        }
        let other = sandbox.root.appendingPathComponent("other-repo").path
        let plain = try AimSpacyBinary.run(["import", folder.path, "--repo", other])
        #expect(plain.status == 0)
        #expect(!plain.stderr.contains("warning: ner-aim: corpus "), "\(plain.stderr)")
    }

    @Test(arguments: ["runs", "report"])
    func deeplyNestedQueriesAreRefusedWithTheirColumn(_ command: String) throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let query = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        var arguments = [command, "--repo", sandbox.repo.path, "--query", query]
        if command == "report" { arguments += ["--out", sandbox.root.appendingPathComponent("site").path] }
        let result = try AimSpacyBinary.run(arguments)
        #expect(result.status != 0 && result.status < 128, "\(result.status)")
        #expect(result.stderr.hasPrefix("query:1:101: error: expression nested more than 100 levels deep"), "\(result.stderr.prefix(200))")
    }

    @Test(arguments: ["bad-span-end", "bad-span-old-format"])
    func spansOutsideTheirDocAreRefusedByDumpAndDisplacy(_ name: String) throws {
        let file = Fixture.url("docbin/\(name).spacy").path
        let expected = try JSONValue.parse(String(decoding: try Fixture.data("docbin/\(name).error.json"), as: UTF8.self))
        let spacy = try #require(expected["spacy"]?.stringValue)
        for command in [["docbin", "dump", file], ["displacy", file, "--style", "span", "--options", "{\"spans_key\": \"places\"}"]] {
            let result = try AimSpacyBinary.run(command)
            #expect(result.status != 0, "\(command)")
            #expect(result.stderr.contains("\(file): byte "), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("span_groups[1].places.spans["), "\(command): \(result.stderr)")
            #expect(result.stderr.hasSuffix(spacy + "\n"), "\(command): \(result.stderr)")
        }
    }

    /// displaCy makes only the group it shows: the other styles, and the span style on another
    /// group, render the doc exactly as spaCy does.
    @Test(arguments: ["bad-span-end", "bad-span-negative", "bad-span-reversed", "bad-span-old-format"])
    func stylesThatDoNotShowTheBrokenGroupRenderAsSpacy(_ name: String) throws {
        let file = Fixture.url("docbin/\(name).spacy").path
        let expected = try JSONValue.parse(String(decoding: try Fixture.data("docbin/\(name).error.json"), as: UTF8.self))
        guard case .int(let doc)? = expected["doc"], case .object(let renders)? = expected["renders"] else {
            Issue.record("\(name): no doc or renders")
            return
        }
        #expect(!renders.isEmpty)
        for (variant, markup) in renders {
            let parts = variant.split(separator: ":").map(String.init)
            var arguments = ["displacy", file, "--style", parts[0], "--offset", "\(doc)", "--limit", "1", "--jsonl"]
            if parts.count == 2 { arguments += ["--options", "{\"spans_key\": \"\(parts[1])\"}"] }
            let result = try AimSpacyBinary.run(arguments)
            #expect(result.status == 0, "\(variant): \(result.stderr)")
            let line = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
            #expect(try JSONValue.parse(line).stringValue == markup.stringValue, "\(name) \(variant)")
        }
    }

    /// The renders of an import make only the group they show, as the AimLogger's displaCy does:
    /// an `ent` experiment renders docs whose span groups are broken.
    @Test func importRendersDocsWhoseHiddenGroupIsBroken() async throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("ner-aim")
        let broken = sandbox.root.appendingPathComponent("project/corpus/broken.spacy")
        try FileManager.default.copyItem(at: Fixture.url("docbin/bad-span-end.spacy"), to: broken)
        let report = try await sandbox.importing([folder]) {
            $0.vizPath = "corpus/broken.spacy"
            $0.modelLogInterval = 100
            $0.vizDocs = 2
        }
        let run = try sandbox.run(report)
        let sampled = run.visualisations.filter { $0.step != nil }
        #expect(!sampled.isEmpty && sampled.allSatisfy { $0.style == "ent" && $0.renderIDs.count == 2 })
    }
}
