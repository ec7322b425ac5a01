import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// What every `RunStore` promises, checked on both backends: runs read back equal to what was
/// written (NaN, infinities and empty values included), idempotent inserts, replacing, edits, queries,
/// objects in chunks, and `check`.
@Suite struct RunStoreContractTests {
    /// A run with every part filled, from synthetic run `n`, with awkward values.
    static func run(_ n: Int, store: any RunStore) throws -> Run {
        let text = SyntheticRuns.configText(n)
        let sha = try store.storeObject(data: Data(text.utf8))
        var run = SyntheticRuns.run(n, sourceSHA256: sha)
        run.series.append(MetricSeries(name: "odd", context: ["component": "ner", "kind": "a,b"], points: [
            MetricPoint(step: 0, epoch: 0, value: .nan), MetricPoint(step: 5, epoch: 0, value: .infinity),
            MetricPoint(step: 10, epoch: 1, value: -2.5), MetricPoint(step: -3, epoch: 2, value: 1e-310),
        ]))
        run.evaluation = .object([("ents_f", .double(.nan)), ("speed", .int(n))])
        run.labels = [ComponentLabels(component: "ner", labels: ["GPE", "ORG"])]
        run.datasets = [DatasetStatistics(role: "dev", path: "corpus/dev.spacy", docs: 3, tokens: 40, sentences: 5,
                                          entityLabels: [LabelCount(label: "GPE", count: 2)])]
        let markup = "<div>doc \(n % 2) — ünïcode</div>"
        let render = Render(id: SHA256.hex(Array(markup.utf8)), style: "ent", markup: markup)
        run.renders = [render]
        run.visualisations = [Visualisation(step: 200, style: "ent", renderIDs: [render.id]), Visualisation(step: nil, style: "ent", renderIDs: [render.id])]
        run.finalScores.append(FinalScores(model: "model-last", scores: [NamedScore(name: "ents_f", value: nil)], perLabel: [
            ScoreTable(name: "ents_per_type", rows: [ScoreRow(label: "GPE", metrics: [NamedScore(name: "f", value: 0.5)])]),
        ]))
        run.warnings = n % 2 == 0 ? ["interrupted"] : []
        run.tags = ["a", "b", "a"]
        return run
    }

    @Test(arguments: Backend.allCases)
    func runsReadBackEqualAndInsertsAreIdempotent(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let runs = try (0..<4).map { try RunStoreContractTests.run($0, store: store) }
        for run in runs { #expect(try store.insert(run, replace: false, replacing: []) == .inserted) }
        for run in runs {
            var expected = run
            expected.tags = ["a", "b"]
            // As JSON, where NaN equals NaN.
            let stored = try #require(try store.run(hash: run.hash))
            #expect(stored.jsonValue(points: true, markup: true) == expected.jsonValue(points: true, markup: true))
            #expect(try store.series(ofRun: run.hash).map { $0.points.map(\.value.bitPattern) } == run.series.map { $0.points.map(\.value.bitPattern) })
            #expect(try store.insert(run, replace: false, replacing: []) == .unchanged)
        }
        #expect(try store.hashes() == runs.map(\.hash))
        #expect(try store.runs(matching: RunQuery("metric(\"odd\").count == 4 and run.evaluation.speed >= 2")).map(\.hash) == [runs[2].hash, runs[3].hash])
        #expect(try store.runs(matching: RunQuery("run.hparams.training.optimizer.learn_rate < 0.001")).map(\.hash) == [runs[1].hash])

        var changed = runs[0]
        changed.hash = SHA256.hex(Array("changed".utf8))
        #expect(try store.insert(changed, replace: true, replacing: [runs[0].hash]) == .replaced([runs[0].hash]))
        #expect(try store.contains(hash: runs[0].hash) == false)
        #expect(try store.hashes(named: changed.name, experiment: changed.experiment) == [changed.hash])

        try store.tag(runs[1].hash, with: ["new", "a"])
        try store.untag(runs[1].hash, removing: ["b", "absent"])
        try store.rename(runs[1].hash, to: "renamed")
        let edited = try #require(try store.run(hash: runs[1].hash))
        #expect(edited.tags == ["a", "new"])
        #expect(edited.name == "renamed")
        #expect(try store.resolve("renamed") == runs[1].hash)
        #expect(try store.resolve(String(runs[2].hash.prefix(10)).uppercased()) == runs[2].hash)
        #expect(throws: RepositoryError.self) { try store.resolve("nosuch") }
        try store.remove(hashes: [runs[2].hash])
        #expect(try store.run(hash: runs[2].hash) == nil)
        let report = try store.check(fix: false)
        #expect(report.orphanObjects == [SHA256.hex(Array(SyntheticRuns.configText(2).utf8))], "the removed run's config")
        let fixed = try store.check(fix: true)
        #expect(fixed.removed.count == 1)
        #expect(try store.check(fix: false).isClean)
    }

    @Test(arguments: Backend.allCases)
    func objectsStreamInAndOutInChunks(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        var random = SplitMix64(seed: 12)
        let bytes = Data((0..<(3 << 20) + 12345).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        let file = repository.scratch.appendingPathComponent("big.bin")
        try bytes.write(to: file)
        let sha = try store.storeObject(contentsOf: file, knownSHA256: nil)
        #expect(sha == SHA256.hex(bytes))
        #expect(try store.storeObject(contentsOf: file, knownSHA256: sha) == sha)
        #expect(try store.storeObject(data: Data()) == SHA256.hex([UInt8]()))
        var read = Data()
        var pieces = 0
        try store.readObject(sha) { (chunk: Data) throws(RepositoryError) in
            read.append(chunk)
            pieces += 1
        }
        #expect(read == bytes)
        #expect(pieces >= (backend == .postgres ? 4 : 1))
        let copies = try store.objectFiles([sha], in: repository.scratch.appendingPathComponent("copies"))
        #expect(try Data(contentsOf: try #require(copies[sha])) == bytes)
        #expect(throws: RepositoryError.self) {
            try store.storeObject(contentsOf: file, knownSHA256: String(repeating: "0", count: 64))
        }
    }
}
