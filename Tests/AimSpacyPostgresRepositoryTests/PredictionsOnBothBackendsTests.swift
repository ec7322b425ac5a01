import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyPostgresRepository
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// `import --predictions`, `predictions add`, and what the repository does with prediction sets (storage, `show`,
/// `rm`, `repo check`, `repo copy`, archives), as the `aim-spacy` binary, on a repository of each backend.
@Suite struct PredictionsOnBothBackendsTests {
    /// A project folder holding `corpus/` and `trainings/alice-basic/` (the training of `scorer/alice-basic`).
    struct Project {
        let root: URL
        var training: URL { root.appendingPathComponent("trainings/alice-basic") }
        let predicted = Fixture.url("scorer/alice-basic/dev.pred.spacy").path
        let bad = Fixture.url("predictions/bad")

        init(in scratch: URL) throws {
            root = scratch.appendingPathComponent("project")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("trainings"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Fixture.url("corpus"), to: root.appendingPathComponent("corpus"))
            try FileManager.default.copyItem(at: Fixture.url("predictions/alice-basic"), to: training)
        }

        func bad(_ name: String) -> String { bad.appendingPathComponent(name).path }
    }

    static func aim(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try CommandsOnBothBackendsTests.aim(arguments)
    }

    static func show(_ run: String, _ repo: String) throws -> JSONValue {
        let shown = try aim(["show", run, "--json", "--repo", repo])
        #expect(shown.status == 0, "\(shown.stderr)")
        return try JSONValue.parse(shown.stdout)
    }

    /// Every score of `actual` within 1e-9 of `expected`, same keys in the same order, `null` where spaCy has `None`.
    static func sameScores(_ actual: JSONValue, _ expected: JSONValue, _ path: String = "scores") -> [String] {
        switch (actual, expected) {
        case (.object(let a), .object(let e)):
            guard a.map(\.key) == e.map(\.key) else { return ["\(path): keys \(a.map(\.key)) vs \(e.map(\.key))"] }
            return zip(a, e).flatMap { sameScores($0.value, $1.value, path + "." + $0.key) }
        case (.null, .null): return []
        default:
            guard let x = actual.doubleValue, let y = expected.doubleValue else {
                return actual == expected ? [] : ["\(path): \(actual) vs \(expected)"]
            }
            return abs(x - y) <= 1e-9 ? [] : ["\(path): \(x) vs \(y)"]
        }
    }

    static func check(_ repo: String) throws -> String {
        let check = try aim(["repo", "check", "--repo", repo])
        return check.stdout
    }

    @Test(arguments: Backend.allCases)
    func importWithPredictionsScoresAsSpacyAndKeepsTheHash(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let project = try Project(in: repository.scratch)
        let repo = repository.repo

        let plain = try Self.aim(["import", project.training.path, "--repo", repo, "--json"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let plainHash = try JSONValue.parse(plain.stdout)["runs"]?[0]?["hash"]
        #expect(try Self.show("alice-basic", repo)["predictions"] == .array([]))

        let attached = try Self.aim(["import", project.training.path, "--repo", repo, "--predictions", project.predicted, "--json"])
        #expect(attached.status == 0, "\(attached.stderr)")
        let report = try JSONValue.parse(attached.stdout)["runs"]?[0]
        #expect(report?["status"] == .string("attached"))
        #expect(report?["hash"] == plainHash)

        let again = try Self.aim(["import", project.training.path, "--repo", repo, "--predictions", "model-best=" + project.predicted])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("unchanged"), "\(again.stdout)")

        let shown = try Self.show("alice-basic", repo)
        guard case .array(let sets) = shown["predictions"], sets.count == 1, case .object(let members) = sets[0] else {
            Issue.record("expected one prediction set: \(shown["predictions"] ?? .null)")
            return
        }
        #expect(Array(members.map(\.key).prefix(4)) == ["model", "gold", "docs", "scores"])
        #expect(sets[0]["model"] == .string("model-best"))
        #expect(sets[0]["gold"]?.stringValue?.hasSuffix("corpus/dev.spacy") == true)
        #expect(sets[0]["docs"] == .int(143))
        if case .array(let errors) = sets[0]["doc_errors"] { #expect(errors.count == 143) } else { Issue.record("no doc_errors") }
        let expected = try JSONValue.parse(String(decoding: try Fixture.data("scorer/alice-basic/scores.json"), as: UTF8.self))
        let differences = Self.sameScores(sets[0]["scores"] ?? .null, expected)
        #expect(differences.isEmpty, "\(differences.prefix(5))")

        // A fresh repository importing with predictions gives the same hash as a plain import.
        let other = repository.scratch.appendingPathComponent("other-repo").path
        let direct = try Self.aim(["import", project.training.path, "--repo", other, "--predictions", project.predicted, "--json"])
        #expect(try JSONValue.parse(direct.stdout)["runs"]?[0]?["hash"] == plainHash)
        #expect(try Self.check(repo).hasPrefix("ok: "))
    }

    @Test(arguments: Backend.allCases)
    func predictionsAddAndTheReplaceRule(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let project = try Project(in: repository.scratch)
        let repo = repository.repo
        #expect(try Self.aim(["import", project.training.path, "--repo", repo]).status == 0)

        let added = try Self.aim(["predictions", "add", "alice-basic", project.predicted, "--repo", repo])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("attached model-best on "), "\(added.stdout)")
        let sameAgain = try Self.aim(["predictions", "add", "alice-basic", project.predicted, "--repo", repo])
        #expect(sameAgain.status == 0 && sameAgain.stdout.hasPrefix("unchanged"), "\(sameAgain.stdout) \(sameAgain.stderr)")

        // Another gold is another set; other predictions for the same model and gold need --replace.
        let small = try Self.aim(["predictions", "add", "alice-basic", project.bad("pred5.spacy"), "--gold", project.bad("gold5.spacy"), "--repo", repo])
        #expect(small.status == 0, "\(small.stderr)")
        let before = try Self.show("alice-basic", repo)["predictions"]
        let different = try Self.aim(["predictions", "add", "alice-basic", project.bad("other.pred.spacy"), "--gold", project.bad("gold5.spacy"),
                                      "--repo", repo])
        #expect(different.status != 0)
        #expect(different.stderr.contains("already attached") && different.stderr.contains("--replace"), "\(different.stderr)")
        #expect(try Self.show("alice-basic", repo)["predictions"] == before)
        #expect(try Self.check(repo).hasPrefix("ok: "), "a refusal leaves no object behind")

        let sameReplaced = try Self.aim(["predictions", "add", "alice-basic", project.bad("pred5.spacy"), "--gold", project.bad("gold5.spacy"),
                                         "--repo", repo, "--replace"])
        #expect(sameReplaced.status == 0 && sameReplaced.stdout.hasPrefix("unchanged"), "the same DocBin with --replace changes nothing")
        let replaced = try Self.aim(["predictions", "add", "alice-basic", project.bad("other.pred.spacy"), "--gold", project.bad("gold5.spacy"),
                                     "--repo", repo, "--replace"])
        #expect(replaced.status == 0 && replaced.stdout.hasPrefix("replaced"), "\(replaced.stdout) \(replaced.stderr)")
        guard case .array(let afterReplace) = try Self.show("alice-basic", repo)["predictions"], afterReplace.count == 2 else {
            Issue.record("expected two sets after the replace")
            return
        }
        #expect(afterReplace[1]["predicted"] == .string("other.pred.spacy"))
        #expect(afterReplace[0] == before?[0])
        // The replaced predictions' DocBin is no longer referenced.
        #expect(try Self.check(repo).contains("orphan object"))
        #expect(try Self.aim(["repo", "check", "--fix", "--repo", repo]).status == 0)

        // import --replace makes the run again and keeps the sets attached to it.
        let reimported = try Self.aim(["import", project.training.path, "--repo", repo, "--replace"])
        #expect(reimported.status == 0, "\(reimported.stderr)")
        guard case .array(let kept) = try Self.show("alice-basic", repo)["predictions"] else { return }
        #expect(kept.count == 2)
        #expect(kept.map { $0["gold"]?.stringValue ?? "" }.last == "gold5.spacy")

        // rm takes the sets with the run; their DocBins are then orphans for `repo check --fix`.
        #expect(try Self.aim(["rm", "alice-basic", "--repo", repo]).status == 0)
        let check = try Self.check(repo)
        #expect(check.contains("orphan object"), "\(check)")
        #expect(try Self.aim(["repo", "check", "--fix", "--repo", repo]).status == 0)
    }

    @Test(arguments: Backend.allCases)
    func badPredictionsWriteNothingAndOtherTrainingsStillGoIn(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let project = try Project(in: repository.scratch)
        let repo = repository.repo
        // An empty repository first, so that `repo check` can look at it after each refusal.
        let fill = try Self.aim(["repo", "fill", "--count", "0", "--repo", repo])
        #expect(fill.status == 0, "\(fill.stderr)")
        let gold5 = project.bad("gold5.spacy")
        let cases: [([String], String)] = [
            (["--predictions", project.bad("short.pred.spacy"), "--gold", gold5], "4 predicted docs for 5 gold docs"),
            (["--predictions", project.bad("text.pred.spacy"), "--gold", gold5], "doc 2: error: the predicted text"),
            (["--predictions", project.bad("words.pred.spacy"), "--gold", gold5], "no predicted doc has TAG"),
            (["--predictions", "model-last=" + project.predicted], "no model-last folder"),
            (["--predictions", project.predicted, "--gold", project.root.appendingPathComponent("missing.spacy").path], "missing.spacy"),
        ]
        for (arguments, message) in cases {
            let result = try Self.aim(["import", project.training.path, "--repo", repo] + arguments)
            #expect(result.status != 0)
            let lines = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("warning:") }
            #expect(lines.count == 1 && lines[0].contains(message), "\(arguments): \(result.stderr)")
            #expect(try Self.aim(["runs", "--json", "--repo", repo]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
            #expect(try Self.check(repo).hasPrefix("ok: "), "\(arguments) left something in the repository")
        }

        // Two trainings, the predictions fit one: that one goes in with them, the other is refused (its spancat
        // scores span groups the predictions lack).
        try FileManager.default.copyItem(at: Fixture.url("trainings/spancat-jsonl"), to: project.root.appendingPathComponent("trainings/spancat-jsonl"))
        let both = try Self.aim(["import", project.root.appendingPathComponent("trainings").path, "--repo", repo, "--predictions", project.predicted])
        #expect(both.status != 0)
        #expect(both.stderr.contains("doc.spans[\"sc\"]"), "\(both.stderr)")
        let runs = try JSONValue.parse(try Self.aim(["runs", "--json", "--repo", repo]).stdout)
        #expect(runs.arrayCount == 1 && runs[0]?["name"] == .string("alice-basic"))
        #expect(try Self.check(repo).hasPrefix("ok: "))
    }

    @Test(arguments: Backend.allCases)
    func copyAndArchiveCarryPredictions(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let project = try Project(in: repository.scratch)
        let repo = repository.repo
        #expect(try Self.aim(["import", project.training.path, "--repo", repo, "--predictions", project.predicted]).status == 0)
        let original = try Self.show("alice-basic", repo)["predictions"]

        let copy = repository.scratch.appendingPathComponent("copy").path
        let copied = try Self.aim(["repo", "copy", "--from", repo, "--to", copy])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(try Self.show("alice-basic", copy)["predictions"] == original)
        #expect(try Self.check(copy).hasPrefix("ok: "))

        // A run copied earlier without predictions gets them on the next copy.
        let bare = repository.scratch.appendingPathComponent("bare").path
        #expect(try Self.aim(["import", project.training.path, "--repo", bare]).status == 0)
        #expect(try Self.aim(["repo", "copy", "--from", repo, "--to", bare]).status == 0)
        #expect(try Self.show("alice-basic", bare)["predictions"] == original)

        let zip = repository.scratch.appendingPathComponent("run.zip")
        let archived = try Self.aim(["archive", "alice-basic", "--repo", repo, "--out", zip.path, "--no-report"])
        #expect(archived.status == 0, "\(archived.stderr)")
        #expect(try Self.aim(["verify", zip.path]).status == 0)
        let restored = repository.scratch.appendingPathComponent("restored").path
        let imported = try Self.aim(["import", zip.path, "--repo", restored])
        #expect(imported.status == 0, "\(imported.stderr)")
        // Archives show paths outside the training folder by their file name (`SharedPath`).
        guard case .array(let sets) = original, case .object(var members) = sets.first else { return }
        let gold = try #require(members.firstIndex { $0.key == "gold" })
        #expect(members[gold].value.stringValue?.hasPrefix("/") == true)
        members[gold].value = .string("dev.spacy")
        #expect(try Self.show("alice-basic", restored)["predictions"] == .array([.object(members)]))
        #expect(try Self.check(restored).hasPrefix("ok: "))
    }

    /// A PostgreSQL repository of schema v1 (before predictions) holding a run is upgraded to v2 when opened, and
    /// the run then takes predictions.
    @Test func aV1PostgresRepositoryIsUpgradedAndTakesPredictions() throws {
        guard let repository = try TestRepository.make(.postgres), let server = try PostgresTestServer.available() else { return }
        defer { repository.remove() }
        let project = try Project(in: repository.scratch)
        let repo = repository.repo
        #expect(try Self.aim(["import", project.training.path, "--repo", repo]).status == 0)
        let database = String(repo.split(separator: "/").last!.split(separator: "?").first!)
        let downgraded = try Shell.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", server.url(database: database), "-c",
                                        "DROP TABLE aim_spacy.predictions; DELETE FROM aim_spacy.migrations WHERE id = 'v2'"])
        #expect(downgraded.status == 0, "\(downgraded.stderr)")

        let added = try Self.aim(["predictions", "add", "alice-basic", project.predicted, "--repo", repo])
        #expect(added.status == 0 && added.stdout.hasPrefix("attached"), "\(added.stdout) \(added.stderr)")
        #expect(try PostgresRepository(url: repo, create: false).schemaVersions() == ["v1", "v2"])
        guard case .array(let sets) = try Self.show("alice-basic", repo)["predictions"] else { return }
        #expect(sets.count == 1 && sets[0]["docs"] == .int(143))
    }
}

extension JSONValue {
    fileprivate subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    fileprivate var arrayCount: Int {
        if case .array(let items) = self { return items.count }
        return -1
    }
}
