import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyRepository
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The machine-readable contracts of the commands over stored runs (`runs --json`, `show --json`,
/// `metrics --csv/--json`), their errors, and several real `aim-spacy` processes writing at once;
/// on a repository of each backend.
@Suite struct RunCommandsTests {
    /// A fresh repository of one backend holding two runs named `ner-a` and `ner-b`.
    private struct Sandbox {
        let repository: TestRepository
        let runs: [Run]

        /// `nil` when PostgreSQL is not available outside CI.
        init?(on backend: Backend) throws {
            guard let repository = try TestRepository.make(backend) else { return nil }
            self.repository = repository
            let store = try repository.open()
            runs = try [0, 1].map { try Sandbox.run(seed: $0, repository: store) }
            for run in runs { try store.insert(run, replace: false, replacing: []) }
        }

        /// The `--repo` value.
        var repo: String { repository.repo }

        func remove() { repository.remove() }

        /// A two-component NER training logged every 200 steps, with renders every 400.
        static func run(seed: Int, repository: any RunStore) throws -> Run {
            let steps = [0, 200, 400, 600, 800]
            let config = "[training]\nseed = \(seed)\n"
            let sha = try repository.storeObject(data: Data(config.utf8))
            let markup = "<div class=\"entities\">Seed \(seed) <mark class=\"entity\">Berlin<span>GPE</span></mark></div>"
            let render = Render(id: SHA256.hex(Array(markup.utf8)), style: "ent", markup: markup)
            return Run(
                hash: SHA256.hex(Array("cli run \(seed)".utf8)), experiment: "ner", name: "ner-\(seed == 0 ? "a" : "b")",
                tags: seed == 0 ? ["baseline"] : [], created: Date(timeIntervalSince1970: 1_764_000_000 + Double(seed)),
                imported: Date(timeIntervalSince1970: 1_764_100_000), complete: seed == 0,
                hyperparameters: .object([("training", .object([("seed", .int(seed)), ("dropout", .double(0.1))]))]),
                configText: config, pipeline: ["tok2vec", "ner"], lang: "en", spacyVersion: ">=3.8.18,<3.9.0",
                series: [
                    MetricSeries(name: "loss", context: ["component": "ner"], points: steps.map { MetricPoint(step: $0, epoch: $0 / 400, value: 100 / Double($0 + 1)) }),
                    MetricSeries(name: "ents_f", points: steps.map { MetricPoint(step: $0, epoch: $0 / 400, value: Double($0) / 1000) }),
                ],
                finalScores: [FinalScores(model: "model-best", scores: [NamedScore(name: "ents_f", value: 0.8)], perLabel: [
                    ScoreTable(name: "ents_per_type", rows: [ScoreRow(label: "GPE", metrics: [NamedScore(name: "p", value: 1), NamedScore(name: "r", value: 0.5), NamedScore(name: "f", value: 2.0 / 3.0)])]),
                ])],
                labels: [ComponentLabels(component: "ner", labels: ["GPE"])],
                visualisations: [Visualisation(step: 400, style: "ent", renderIDs: [render.id]), Visualisation(step: 800, style: "ent", renderIDs: [render.id])],
                renders: [render], sources: [SourceFile(path: "config.cfg", size: config.utf8.count, sha256: sha, role: "config")],
                warnings: seed == 0 ? [] : ["training interrupted after step 800"]
            )
        }
    }

    @Test(arguments: Backend.allCases)
    func runsJSONIsAnArrayWithTheContractFields(_ backend: Backend) throws {
        guard let sandbox = try Sandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let output = try RunCommands.runs(repo: sandbox.repo, query: nil, json: true)
        guard case .array(let items) = try JSONValue.parse(output) else {
            Issue.record("not an array: \(output)")
            return
        }
        #expect(items.count == 2)
        let first = try #require(items.first)
        #expect(first["hash"] == .string(sandbox.runs[0].hash))
        #expect(first["experiment"] == .string("ner"))
        #expect(first["name"] == .string("ner-a"))
        #expect(first["tags"] == .array([.string("baseline")]))
        #expect(first["created"] == .string(Run.timestamp(sandbox.runs[0].created)))
        #expect(first["complete"] == .bool(true))
        #expect(first["steps"] == .int(5))
        let filtered = try RunCommands.runs(repo: sandbox.repo, query: "not run.complete", json: true)
        #expect(try JSONValue.parse(filtered) == .array([items[1]]))
    }

    @Test(arguments: Backend.allCases)
    func showJSONAddsConfigFinalLabelsSourcesWarningsAndVisualisations(_ backend: Backend) throws {
        guard let sandbox = try Sandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let run = sandbox.runs[1]
        let value = try JSONValue.parse(try RunCommands.show(repo: sandbox.repo, run: String(run.hash.prefix(8)), json: true))
        #expect(value["hash"] == .string(run.hash))
        #expect(value["config"] == run.hyperparameters)
        #expect(value["final"]?["model-best"]?["ents_f"] == .double(0.8))
        #expect(value["final"]?["model-best"]?["ents_per_type"]?["GPE"]?["r"] == .double(0.5))
        #expect(value["labels"] == .object([("ner", .array([.string("GPE")]))]))
        #expect(value["sources"] == .array([.object([
            ("path", .string("config.cfg")), ("size", .int(run.sources[0].size)), ("sha256", .string(run.sources[0].sha256)), ("role", .string("config")),
        ])]))
        #expect(value["warnings"] == .array([.string("training interrupted after step 800")]))
        #expect(value["visualisations"] == .array([400, 800].map { step in
            .object([("step", .int(step)), ("style", .string("ent")), ("docs", .array([.string(run.renders[0].id)]))])
        }))
        let text = try RunCommands.show(repo: sandbox.repo, run: "ner-b", json: false)
        #expect(text.contains(run.hash) && text.contains("ents_per_type") && text.contains("interrupted"))
    }

    @Test(arguments: Backend.allCases)
    func metricsCSVHasOneRowPerPointWithContextAsKeyValue(_ backend: Backend) throws {
        guard let sandbox = try Sandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let csv = try RunCommands.metrics(repo: sandbox.repo, run: "ner-a", format: .csv)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "name,context,step,epoch,value")
        #expect(lines.count == 1 + 10)
        #expect(lines[1] == "loss,component=ner,0,0,100.0")
        #expect(lines[3] == "loss,component=ner,400,1,\(JSONValue.pythonRepr(100.0 / 401))")
        #expect(lines[6] == "ents_f,,0,0,0.0")
        let json = try JSONValue.parse(try RunCommands.metrics(repo: sandbox.repo, run: "ner-a", format: .json))
        guard case .array(let rows) = json else {
            Issue.record("not an array")
            return
        }
        #expect(rows.count == 10)
        #expect(rows[1] == .object([("name", .string("loss")), ("context", .string("component=ner")), ("step", .int(200)), ("epoch", .int(0)), ("value", .double(100.0 / 201))]))
    }

    @Test(arguments: Backend.allCases)
    func badReferencesAndQueriesFailWithAMessage(_ backend: Backend) throws {
        guard let sandbox = try Sandbox(on: backend) else { return }
        defer { sandbox.remove() }
        #expect(throws: PipelineError.self) { try RunCommands.show(repo: sandbox.repo, run: "nobody", json: true) }
        let missing = try #require(try TestRepository.make(backend))
        defer { missing.remove() }
        #expect(throws: PipelineError.self) { try RunCommands.runs(repo: missing.repo, query: nil, json: true) }
        #expect {
            try RunCommands.runs(repo: sandbox.repo, query: "run.nme == 'x'", json: false)
        } throws: { error in
            (error as? PipelineError)?.message.hasPrefix("query:1:5: error: unknown attribute 'nme' of run") == true
        }
    }

    @Test(arguments: Backend.allCases)
    func theBinaryPrintsErrorsOnStderrWithANonZeroStatus(_ backend: Backend) throws {
        guard let sandbox = try Sandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let bad = try AimSpacyBinary.run(["runs", "--repo", sandbox.repo, "--query", "run.steps >"])
        #expect(bad.status != 0)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr == "query:1:12: error: expected a value, found end of query\n  run.steps >\n             ^\n")
        let ok = try AimSpacyBinary.run(["runs", "--repo", sandbox.repo, "--query", "run.steps > 4"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("ner-a") && ok.stdout.contains("ner-b"))
        let check = try AimSpacyBinary.run(["repo", "check", "--repo", sandbox.repo])
        #expect(check.status == 0)
        #expect(check.stdout == "ok: \(sandbox.repository.printedLocation)\n")
    }

    @Test(arguments: Backend.allCases)
    func editingCommandsResolveRunsByNameOrPrefix(_ backend: Backend) throws {
        guard let sandbox = try Sandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let (a, b) = (sandbox.runs[0], sandbox.runs[1])
        #expect(try RunCommands.tag(repo: sandbox.repo, run: "ner-b", tags: ["gpu", "best"]) == "")
        #expect(try RunCommands.untag(repo: sandbox.repo, run: String(b.hash.prefix(6)), tags: ["gpu"]) == "")
        #expect(try RunCommands.rename(repo: sandbox.repo, run: "ner-a", to: "ner-baseline") == "")
        let listed = try JSONValue.parse(try RunCommands.runs(repo: sandbox.repo, query: "'best' in run.tags or run.name == 'ner-baseline'", json: true))
        #expect(listed == .array([
            RunCommands.summaryJSON(RunSummary(hash: a.hash, experiment: "ner", name: "ner-baseline", tags: ["baseline"], description: "", created: a.created, imported: a.imported, complete: true, steps: 5, lang: "en", spacyVersion: a.spacyVersion, pipeline: a.pipeline)),
            RunCommands.summaryJSON(RunSummary(hash: b.hash, experiment: "ner", name: "ner-b", tags: ["best"], description: "", created: b.created, imported: b.imported, complete: false, steps: 5, lang: "en", spacyVersion: b.spacyVersion, pipeline: b.pipeline)),
        ]))
        // A bad reference among several removes nothing.
        #expect(throws: PipelineError.self) { try RunCommands.remove(repo: sandbox.repo, runs: ["ner-b", "nobody"]) }
        #expect(try RunCommands.remove(repo: sandbox.repo, runs: ["ner-b", b.hash]) == "removed \(b.hash)\n")
        let left = try JSONValue.parse(try RunCommands.runs(repo: sandbox.repo, query: nil, json: true))
        guard case .array(let both) = listed else {
            Issue.record("not an array")
            return
        }
        #expect(left == .array([both[0]]))
    }

    @Test(arguments: Backend.allCases)
    func repoCheckReportsOrphansAndFixRemovesThem(_ backend: Backend) throws {
        guard let sandbox = try Sandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let store = try sandbox.repository.open()
        let orphan = try store.storeObject(data: Data("from an interrupted import".utf8))
        let check = try AimSpacyBinary.run(["repo", "check", "--repo", sandbox.repo])
        #expect(check.status != 0)
        #expect(check.stdout.contains("orphan object: \(orphan)"))
        let fix = try AimSpacyBinary.run(["repo", "check", "--fix", "--repo", sandbox.repo])
        #expect(fix.status == 0)
        #expect(fix.stdout.contains("removed object \(orphan)"))
        #expect(try AimSpacyBinary.run(["repo", "check", "--repo", sandbox.repo]).status == 0)
        #expect(try !store.containsObject(orphan))
    }

    /// Several processes tagging runs of one repository at once: every write lands, none fails.
    @Test(arguments: Backend.allCases, [2, 4])
    func concurrentProcessesAllSucceed(_ backend: Backend, processes: Int) throws {
        guard let sandbox = try Sandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let perProcess = 6
        let failures = Collected<String>()
        DispatchQueue.concurrentPerform(iterations: processes) { p in
            for n in 0..<perProcess {
                do {
                    let result = try AimSpacyBinary.run(["tag", "--repo", sandbox.repo, n % 2 == 0 ? "ner-a" : "ner-b", "p\(p)-\(n)"])
                    if result.status != 0 { failures.append(result.stderr) }
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        let tags = try sandbox.repository.open().summaries(including: []).flatMap(\.tags)
        #expect(tags.count == processes * perProcess + 1)
    }

    /// Several processes creating one repository and inserting overlapping runs at once: all
    /// succeed, each run is written once, none is lost.
    @Test(arguments: Backend.allCases, [2, 4])
    func concurrentImportersOfOverlappingRunsAllSucceed(_ backend: Backend, processes: Int) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let repo = repository.repo
        let failures = Collected<String>()
        DispatchQueue.concurrentPerform(iterations: processes) { p in
            do {
                let result = try AimSpacyBinary.run(["repo", "fill", "--repo", repo, "--start", String(p * 10), "--count", "15"])
                if result.status != 0 { failures.append(result.stderr) }
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
        #expect(try repository.runCount() == 10 * (processes - 1) + 15)
        #expect(try repository.open(create: false).check(fix: false).isClean)
    }

    /// `kill -9` of a writer at random moments: every run is then absent or complete, the database
    /// intact and no referenced object missing (orphan objects are allowed: `repo check --fix`).
    @Test(arguments: Backend.allCases)
    func killingAWriterAtAnyMomentLeavesEachRunAbsentOrComplete(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let repo = repository.repo
        var store: (any RunStore)?
        for round in 0..<4 {
            let before = (try? store?.hashes().count) ?? 0
            let process = Process()
            process.executableURL = AimSpacyBinary.url
            process.arguments = ["repo", "fill", "--repo", repo, "--start", String(round * 1_000_000), "--count", "1000000"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Wait until the writer is writing (it has committed a run), however loaded the
            // machine, then kill it at a random moment.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if store == nil { store = try? repository.open(create: false) }
                if let count = try? store?.hashes().count, count > before { break }
                usleep(10_000)
            }
            usleep(UInt32.random(in: 20_000...400_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
        }
        let reader = try repository.open(create: false)
        let hashes = try reader.hashes()
        #expect(!hashes.isEmpty)
        for hash in hashes {
            let run = try #require(try reader.run(hash: hash))
            let n = try #require(Int(run.name.dropFirst("run-".count)))
            let sha = SHA256.hex(Array(SyntheticRuns.configText(n).utf8))
            #expect(run == SyntheticRuns.run(n, sourceSHA256: sha))
        }
        let report = try reader.check(fix: false)
        #expect(report.integrityProblems.isEmpty)
        #expect(report.missingObjects.isEmpty)
    }
}
