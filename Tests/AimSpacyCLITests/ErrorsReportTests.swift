import AimSpacyDecoding
import AimSpacyDisplacy
import AimSpacyModel
@testable import AimSpacyPipeline
import AimSpacyReport
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// The Errors pages from runs whose prediction sets (`Fixtures/scorer/alice-basic`, `alice-morph`) live in a
/// temporary SQLite repository's object store: counts against what spaCy's own docs and scores say, renders against
/// spaCy's, pages against the validator.
@Suite struct ErrorsReportTests {
    /// A run carrying one prediction set of `set`, its DocBins and model-best config/meta stored in `repository`.
    static func run(_ set: String, in repository: RunRepository, store objects: Bool = true) throws -> Run {
        func stored(_ path: String, role: String) throws -> SourceFile {
            let url = Fixture.url("scorer/\(set)/\(path)")
            let data = try Data(contentsOf: url)
            let sha = objects ? try repository.storeObject(data: data) : SHA256.hex(data)
            return SourceFile(path: "/training/\(set)/\(path)", size: data.count, sha256: sha, role: role)
        }
        let gold = try stored("dev.gold.spacy", role: "corpus-dev")
        let predicted = try stored("dev.pred.spacy", role: "predictions")
        let config = try stored("model-best/config.cfg", role: "config-best")
        let meta = try stored("model-best/meta.json", role: "meta-best")
        let scores = try JSONValue.parse(String(decoding: try Fixture.data("scorer/\(set)/scores.json"), as: UTF8.self))
        let prediction = PredictionSet(
            model: "model-best", gold: "corpus/dev.spacy", goldSHA256: gold.sha256, predicted: "preds/dev.pred.spacy",
            predictedSHA256: predicted.sha256, docs: 143, scores: scores, docErrors: [])
        return Run(
            hash: SHA256.hex(Data(set.utf8)), experiment: "errors", name: set, created: Date(timeIntervalSince1970: 1_795_000_000),
            imported: Date(timeIntervalSince1970: 1_795_000_100), pipeline: ["tok2vec"], lang: "en",
            predictions: [prediction], sources: [config, meta, gold, predicted])
    }

    static func repository() throws -> (TemporaryDirectory, RunRepository) {
        let dir = try TemporaryDirectory()
        return (dir, try RunRepository(directory: dir.url.appendingPathComponent("repo")))
    }

    /// Per gold label: distinct gold entities and those predicted with the same tokens and label, counted with
    /// spaCy over `alice-basic` (`doc.ents` of both DocBins); the true positives agree with `ents_per_type` r × support.
    static let entities: [String: (gold: Int, correct: Int)] = [
        "PERSON": (97, 83), "DATE": (9, 0), "CARDINAL": (25, 22), "ORG": (42, 22), "LAW": (5, 5), "GPE": (7, 0),
        "TIME": (9, 0), "FAC": (3, 0), "ORDINAL": (7, 3), "WORK_OF_ART": (3, 0), "NORP": (3, 0), "PRODUCT": (2, 0),
        "LANGUAGE": (3, 0), "LOC": (3, 0), "QUANTITY": (2, 0), "EVENT": (1, 0),
    ]

    @Test func entityCountsAgreeWithSpaCy() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        let run = try Self.run("alice-basic", in: repo)
        let report = try #require(PredictionErrors.reports(for: [run], store: repo)[run.hash]?.first)
        #expect(report.unavailable == nil)
        let ents = try #require(report.spans.first { $0.attr == "ents" })
        for (label, expected) in Self.entities {
            let row = try #require(ents.rows.first { $0.label == label }, "no row for \(label)")
            #expect(row.gold == expected.gold, "\(label) gold")
            #expect(row.counts[.correct] ?? 0 == expected.correct, "\(label) correct")
            // Every gold span is accounted for once: correct, overlapped by a wrong prediction, or missed.
            #expect((row.counts[.missed] ?? 0) <= expected.gold - expected.correct, "\(label) missed")
        }
        // 206 distinct predicted entities (spaCy: 120 PERSON, 40 CARDINAL, 37 ORG, 6 LAW, 3 ORDINAL), each in one kind.
        let predictedOutcomes = ents.rows.reduce(0) { total, row in
            total + SpanErrorKind.allCases.filter { $0 != .missed }.reduce(0) { $0 + (row.counts[$1] ?? 0) }
        }
        #expect(predictedOutcomes == 206)
        // Confusion: the spurious cells (no gold) and missed cells (no prediction) add up to the counts' columns.
        let spurious = ents.confusion.filter { $0.gold == nil }.reduce(0) { $0 + $1.count }
        let missed = ents.confusion.filter { $0.predicted == nil }.reduce(0) { $0 + $1.count }
        #expect(spurious == ents.rows.reduce(0) { $0 + ($1.counts[.spurious] ?? 0) })
        #expect(missed == ents.rows.reduce(0) { $0 + ($1.counts[.missed] ?? 0) })
        #expect(ents.confusion.first { $0.gold == "PERSON" && $0.predicted == "PERSON" }?.count ?? 0 >= 83)
        // textcat exclusive: 143 docs in the matrix; cats_f_per_type carried over from scores.json.
        let cats = try #require(report.categories)
        #expect(!cats.multiLabel)
        #expect(cats.cells.reduce(0) { $0 + $1.count } == 143)
        #expect(cats.perLabel.map(\.label).sorted() == ["DIALOGUE", "NARRATION"])
        #expect(report.dependencies.map { !$0.rows.isEmpty } == true)
        #expect(report.tokens.map(\.attr) == ["tag"])
        // Docs worst first, all 143.
        #expect(report.docs.count == 143)
        #expect(zip(report.docs, report.docs.dropFirst()).allSatisfy { $0.errors >= $1.errors })
    }

    @Test func spanGroupCountsAgreeWithSpaCy() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        let run = try Self.run("alice-morph", in: repo)
        let report = try #require(PredictionErrors.reports(for: [run], store: repo)[run.hash]?.first)
        #expect(report.unavailable == nil)
        let chunks = try #require(report.spans.first { $0.attr == "spans_chunks" })
        let np = try #require(chunks.rows.first { $0.label == "NP" })
        // spaCy: 1516 gold NP chunks, 1245 distinct predicted, 1139 of them exact.
        #expect(np.gold == 1516)
        #expect(np.counts[.correct] == 1139)
        #expect(SpanErrorKind.allCases.filter { $0 != .missed }.reduce(0) { $0 + (np.counts[$1] ?? 0) } == 1245)
        let cats = try #require(report.categories)
        #expect(cats.multiLabel && cats.threshold == 0.3)
        #expect(Set(report.tokens.map(\.attr)) == ["pos", "morph", "lemma"])
        #expect(report.docs.allSatisfy { $0.renders.map(\.style) == ["span"] })
    }

    /// A gold render without marks is spaCy's render of that dev doc, byte for byte; a marked one is spaCy's once
    /// the markers are taken out.
    @Test func rendersAreSpaCysWhereUnmarked() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        let run = try Self.run("alice-basic", in: repo)
        let report = try #require(PredictionErrors.reports(for: [run], store: repo)[run.hash]?.first)
        let lines = try String(contentsOf: Fixture.url("expected/dev.displacy.jsonl"), encoding: .utf8).split(separator: "\n")
        var unmarked = 0, marked = 0
        for doc in report.docs where doc.index < lines.count {
            let expected = try #require(try JSONValue.parse(String(lines[doc.index]))["ent"]?.stringValue)
            let gold = try #require(doc.renders.first { $0.style == "ent" }).gold
            if gold.contains("aim-err") {
                marked += 1
                #expect(gold.contains("data-error=\"missed\""))
                #expect(Self.unmark(gold) == expected, "doc \(doc.index)")
            } else {
                unmarked += 1
                #expect(gold == expected, "doc \(doc.index)")
            }
            let dep = try #require(try JSONValue.parse(String(lines[doc.index]))["dep"]?.stringValue)
            #expect(normalizeID(try #require(doc.renders.first { $0.style == "dep" }).gold) == normalizeID(dep), "doc \(doc.index) dep")
        }
        #expect(unmarked > 0 && marked > 0)
        let spurious = report.docs.flatMap(\.renders).filter { $0.predicted.contains("data-error=\"spurious\"") }
        #expect(!spurious.isEmpty)
    }

    /// The markup without the wrappers and markers `DisplacyMarks` inserts.
    static func unmark(_ markup: String) -> String {
        var s = markup
        while let open = s.range(of: "<span class=\"aim-err ") {
            let end = s[open.upperBound...].range(of: "\">")!
            s.removeSubrange(open.lowerBound..<end.upperBound)
        }
        while let tag = s.range(of: "<b class=\"aim-err-tag\"") {
            let end = s[tag.upperBound...].range(of: "</b>")!
            var through = end.upperBound
            if s[through...].hasPrefix("</span>") { through = s.index(through, offsetBy: "</span>".count) }
            s.removeSubrange(tag.lowerBound..<through)
        }
        return s
    }

    @Test func pagesPassTheValidatorAndLinkEachOther() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        let runs = [try Self.run("alice-basic", in: repo), try Self.run("alice-morph", in: repo)]
        let errors = PredictionErrors.reports(for: runs, store: repo)
        let out = dir.url.appendingPathComponent("report")
        _ = try ReportPipeline.render(runs: runs, out: out, singleFile: dir.url.appendingPathComponent("one.html"),
                                      options: ReportOptions(docsPerPage: 50), errors: errors)
        let check = try ReportPipeline.check(directory: out)
        #expect(check.problems.isEmpty, "\(check.problems.prefix(5))")
        let single = try ReportPipeline.check(directory: dir.url.appendingPathComponent("one.html"))
        #expect(single.problems.isEmpty, "\(single.problems.prefix(5))")
        let basic = runs[0]
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("runs").path).sorted()
        let stem = "\(basic.hash)-errors-model-best"
        #expect(files.filter { $0.hasPrefix(stem) } == ["\(stem)-2.html", "\(stem)-3.html", "\(stem).html"])
        let first = try String(contentsOf: out.appendingPathComponent("runs/\(stem).html"), encoding: .utf8)
        #expect(first.contains("href=\"../runs/\(stem)-2.html\" rel=\"next\""))
        #expect(first.contains("href=\"../runs/\(stem)-3.html\""))
        #expect(first.contains("nervaluate"))
        #expect(first.components(separatedBy: "<article class=\"error-doc\"").count - 1 == 50)
        let last = try String(contentsOf: out.appendingPathComponent("runs/\(stem)-3.html"), encoding: .utf8)
        #expect(last.components(separatedBy: "<article class=\"error-doc\"").count - 1 == 43)
        #expect(last.contains("href=\"../runs/\(stem)-2.html\" rel=\"prev\""))
        // On the pages, an unmarked ent render is spaCy's markup verbatim.
        let all = try [stem, "\(stem)-2", "\(stem)-3"].map { try String(contentsOf: out.appendingPathComponent("runs/\($0).html"), encoding: .utf8) }.joined()
        let lines = try String(contentsOf: Fixture.url("expected/dev.displacy.jsonl"), encoding: .utf8).split(separator: "\n")
        let report = try #require(errors[basic.hash]?.first)
        var verbatim = 0
        for doc in report.docs where doc.index < lines.count {
            guard let ent = doc.renders.first(where: { $0.style == "ent" }), !ent.gold.contains("aim-err") else { continue }
            let expected = try #require(try JSONValue.parse(String(lines[doc.index]))["ent"]?.stringValue)
            #expect(all.contains(expected), "doc \(doc.index)")
            verbatim += 1
        }
        #expect(verbatim > 0)
        let runPage = try String(contentsOf: out.appendingPathComponent("runs/\(basic.hash).html"), encoding: .utf8)
        #expect(runPage.contains("href=\"../runs/\(stem).html\""))
    }

    /// The entity confusion on the page: gold labels as columns with a last spurious column, predicted labels as
    /// rows with a last missed row, each cell the count of that (gold, predicted) pair.
    @Test func confusionMatrixHasAMissedRowAndASpuriousColumn() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        let run = try Self.run("alice-basic", in: repo)
        let report = try #require(PredictionErrors.reports(for: [run], store: repo, docLimit: 0)[run.hash]?.first)
        let ents = try #require(report.spans.first { $0.attr == "ents" })
        let files = try ReportSite.render(runs: [run], options: ReportOptions(), errors: [run.hash: [report]])
        let page = String(decoding: try #require(files["runs/\(run.hash)-errors-model-best.html"]), as: UTF8.self)
        let table = try #require(page.components(separatedBy: "<table class=\"confusion\">").dropFirst().first?
            .components(separatedBy: "</table>").first)
        let header = try #require(table.components(separatedBy: "</thead>").first)
        #expect(header.contains("<th>predicted \\ gold</th>"))
        #expect(header.hasSuffix("<th class=\"num\">spurious (no gold span)</th></tr>"))
        let rows = table.components(separatedBy: "<tr><th>").dropFirst(2).map { $0.components(separatedBy: "</th>") }
        let last = try #require(rows.last)
        #expect(last[0] == "missed (no prediction)")
        let gold = header.components(separatedBy: "<th class=\"num\">").dropFirst().map { $0.components(separatedBy: "</th>")[0] }
        let missedCells = last[1].components(separatedBy: "\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
        for (label, cell) in zip(gold, missedCells) where label != "spurious (no gold span)" {
            let expected = ents.confusion.first { $0.gold == label && $0.predicted == nil }?.count ?? 0
            #expect(cell == String(expected), "missed \(label)")
        }
        let person = try #require(rows.first { $0[0] == "PERSON" })
        let personCells = person[1].components(separatedBy: "\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
        let spurious = ents.confusion.first { $0.gold == nil && $0.predicted == "PERSON" }?.count ?? 0
        #expect(personCells.last == String(spurious))
        #expect(spurious > 0)
    }

    @Test func aLargeCorpusRendersOnlyItsWorstDocs() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        let run = try Self.run("alice-basic", in: repo)
        let all = try #require(PredictionErrors.reports(for: [run], store: repo)[run.hash]?.first)
        let capped = try #require(PredictionErrors.reports(for: [run], store: repo, docLimit: 20)[run.hash]?.first)
        #expect(capped.docs == Array(all.docs.prefix(20)))
        #expect(capped.docsLeftOut == 123)
        #expect(all.docsLeftOut == 0)
        let out = dir.url.appendingPathComponent("report")
        _ = try ReportPipeline.render(runs: [run], out: out, singleFile: nil, options: ReportOptions(docsPerPage: 50),
                                      errors: [run.hash: [capped]])
        let page = try String(contentsOf: out.appendingPathComponent("runs/\(run.hash)-errors-model-best.html"), encoding: .utf8)
        #expect(page.contains("1–20 of 20; the 123 docs with the fewest errors are not rendered"))
        #expect(try ReportPipeline.check(directory: out).problems.isEmpty)
    }

    /// The run page puts each set's scores beside the model's `meta.json` performance: in agreement when they
    /// match, and a changed meta score flagged in words with the difference.
    @Test func runPageShowsScoresBesideMetaPerformance() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        var run = try Self.run("alice-basic", in: repo, store: false)
        guard case .object(let members) = run.predictions[0].scores else { Issue.record("scores are not an object"); return }
        var flat = members.compactMap { name, value -> NamedScore? in
            if case .double(let d) = value { return NamedScore(name: name, value: d) }
            return nil
        }
        let entsF = try #require(flat.firstIndex { $0.name == "ents_f" })
        run.finalScores = [FinalScores(model: "model-best", scores: flat)]
        func page(_ run: Run) throws -> String {
            let files = try ReportPipeline.files(runs: [run], options: ReportOptions())
            return String(decoding: try #require(files["runs/\(run.hash).html"]), as: UTF8.self)
        }
        let agreeing = try page(run)
        #expect(agreeing.contains("scores, in agreement with model-best/meta.json"))
        #expect(!agreeing.contains("differs"))
        flat[entsF].value = (flat[entsF].value ?? 0) - 0.25
        run.finalScores = [FinalScores(model: "model-best", scores: flat)]
        let differing = try page(run)
        #expect(differing.contains("scores: 1 differ from model-best/meta.json"))
        #expect(differing.contains("<td><code>ents_f</code></td>"))
        #expect(differing.contains("<strong>differs by 0.25</strong>"))
    }

    @Test func missingObjectsAreSaidNotFatal() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        let run = try Self.run("alice-basic", in: repo, store: false)
        let report = try #require(PredictionErrors.reports(for: [run], store: repo)[run.hash]?.first)
        #expect(report.unavailable?.contains("is not in the repository") == true, "\(report.unavailable ?? "")")
        let files = try ReportSite.render(runs: [run], options: ReportOptions(), errors: [run.hash: [report]])
        let page = try #require(files.first { $0.key.contains("-errors-") }?.value)
        #expect(String(decoding: page, as: UTF8.self).contains("The errors cannot be shown"))
    }

    @Test func aRunWithoutItsModelMetaSaysSo() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        var run = try Self.run("alice-basic", in: repo)
        run.sources.removeAll { $0.role == "meta-best" }
        let report = try #require(PredictionErrors.reports(for: [run], store: repo)[run.hash]?.first)
        #expect(report.unavailable == "the run keeps no meta.json of model-best, which holds the labels that score the predictions")
        #expect(report.docs.isEmpty && report.spans.isEmpty)
    }

    @Test func aDocBinThatIsNotOneSaysWhereItFails() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        var run = try Self.run("alice-basic", in: repo)
        run.predictions[0].predictedSHA256 = try repo.storeObject(data: Data("not a DocBin".utf8))
        let report = try #require(PredictionErrors.reports(for: [run], store: repo)[run.hash]?.first)
        #expect(report.unavailable?.hasPrefix("the predicted DocBin preds/dev.pred.spacy: ") == true, "\(report.unavailable ?? "")")
    }

    @Test func comparePageShowsPredictedScoresPerLabel() throws {
        let (dir, repo) = try Self.repository()
        defer { dir.remove() }
        let a = try Self.run("alice-basic", in: repo)
        var b = a
        b.hash = SHA256.hex(Data("other".utf8))
        b.name = "alice-basic-2"
        let files = try ReportSite.render(runs: [a, b], options: ReportOptions())
        let compare = String(decoding: try #require(files.first { $0.key.hasPrefix("compare/") }?.value), as: UTF8.self)
        #expect(compare.contains("Predicted scores on the same gold corpus"))
        #expect(compare.contains("<code>ents_per_type</code>"))
        #expect(compare.contains("<code>dep_las_per_type</code>"))
        // PERSON's F of alice-basic, 0.7650, in both columns.
        #expect(compare.components(separatedBy: "<td class=\"num best\">0.7650 ★</td>").count - 1 == 2)
    }
}

/// `import --predictions` then `report` from the same repository: the run page links its Errors pages, which
/// `report --check` accepts.
@Suite struct ErrorsReportCommandTests {
    @Test func importedPredictionsGetErrorsPages() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let training = try sandbox.aliceBasicTraining()
        let repo = sandbox.repo.path
        let imported = try AimSpacyBinary.run(["import", training.path, "--repo", repo, "--predictions", Fixture.url("scorer/alice-basic/dev.pred.spacy").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let out = sandbox.root.appendingPathComponent("report")
        let report = try AimSpacyBinary.run(["report", "--repo", repo, "--out", out.path, "--docs-per-page", "100"])
        #expect(report.status == 0, "\(report.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("runs").path).filter { $0.contains("-errors-model-best") }.sorted()
        #expect(pages.count == 2, "\(pages)")
        let first = try String(contentsOf: out.appendingPathComponent("runs").appendingPathComponent(try #require(pages.last)), encoding: .utf8)
        #expect(first.contains("Docs 1–100 of 143"))
        #expect(first.contains("data-error=\"missed\""))
        let check = try AimSpacyBinary.run(["report", "--check", out.path])
        #expect(check.status == 0, "\(check.stderr)")
        let refused = try AimSpacyBinary.run(["report", "--repo", repo, "--out", out.path, "--docs-per-page", "0"])
        #expect(refused.status != 0 && refused.stderr.contains("--docs-per-page: expected at least 1, got 0"), "\(refused.stderr)")
    }

    @Test func importReportHasTheErrorsPages() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let training = try sandbox.aliceBasicTraining()
        let out = sandbox.root.appendingPathComponent("report")
        let imported = try AimSpacyBinary.run([
            "import", training.path, "--repo", sandbox.repo.path, "--report", out.path,
            "--predictions", Fixture.url("scorer/alice-basic/dev.pred.spacy").path,
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("runs").path)
            .filter { $0.contains("-errors-model-best") }
        #expect(pages.count == 3, "\(pages)")
        let check = try AimSpacyBinary.run(["report", "--check", out.path])
        #expect(check.status == 0, "\(check.stderr)")
    }
}
