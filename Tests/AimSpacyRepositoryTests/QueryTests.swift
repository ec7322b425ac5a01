import AimSpacyBackendTestSupport
import AimSpacyModel
@testable import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// The query language over a small repository of four runs that differ in experiment, name, tags,
/// learn rate, final scores and completeness; on each backend, which must select the same runs.
@Suite struct QueryTests {
    /// Runs: seed 0 `alice-ner` (ner, lr 0.001, tags baseline), seed 1 `bob-ner` (ner, lr 0.0005),
    /// seed 4 `alice-spancat` (spancat, lr 0.002, interrupted, tags gpu,baseline), seed 2 `carol` (no experiment).
    /// One repository per backend, filled once and only read (`nil`: PostgreSQL is not available).
    static let fourRuns: [Backend: Result<(any RunStore)?, SetUpFailure>] = Dictionary(uniqueKeysWithValues: Backend.allCases.map { backend in
        (backend, Result { () throws(SetUpFailure) -> (any RunStore)? in
            do {
                guard let repository = try TestRepository.make(backend) else { return nil }
                repository.removeAtExit()
                let store = try repository.open()
                let runs = [
                    try SampleRuns.ner(seed: 0, name: "alice-ner", experiment: "ner", learnRate: 0.001, tags: ["baseline"], repository: store),
                    try SampleRuns.ner(seed: 1, name: "bob-ner", experiment: "ner", learnRate: 0.0005, repository: store),
                    try SampleRuns.ner(seed: 4, name: "alice-spancat", experiment: "spancat", learnRate: 0.002, tags: ["gpu", "baseline"], repository: store),
                    try SampleRuns.ner(seed: 2, name: "carol", experiment: nil, learnRate: 0.001, repository: store),
                ]
                for run in runs { try store.insert(run, replace: false, replacing: []) }
                return store
            } catch {
                throw SetUpFailure(description: "\(error)")
            }
        })
    })

    struct SetUpFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// The names of the runs `expression` selects, sorted; `nil` when the backend is not available.
    static func selected(_ expression: String, on backend: Backend) throws -> [String]? {
        guard let store = try fourRuns[backend]?.get() else { return nil }
        return try store.runs(matching: RunQuery(expression)).map(\.name).sorted()
    }

    static let examples: [(expression: String, expected: [String])] = [
        ("run.experiment == \"ner\"", ["alice-ner", "bob-ner"]),
        ("run.experiment == 'ner' and run.hparams.training.optimizer.learn_rate < 0.001", ["bob-ner"]),
        ("run.hparams.training.optimizer.learn_rate <= 0.001", ["alice-ner", "bob-ner", "carol"]),
        ("run.hparams['training']['optimizer'][\"learn_rate\"] > 1e-3", ["alice-spancat"]),
        ("\"alice\" in run.name", ["alice-ner", "alice-spancat"]),
        ("'alice' not in run.name", ["bob-ner", "carol"]),
        ("\"baseline\" in run.tags", ["alice-ner", "alice-spancat"]),
        ("run.tags", ["alice-ner", "alice-spancat"]),
        ("not run.tags", ["bob-ner", "carol"]),
        ("run.experiment is None", ["carol"]),
        ("run.experiment is not None and run.experiment != 'ner'", ["alice-spancat"]),
        ("run.experiment == None or run.name == 'bob-ner'", ["bob-ner", "carol"]),
        ("not run.complete", ["alice-spancat"]),
        ("run.complete == True", ["alice-ner", "bob-ner", "carol"]),
        ("run.complete and (run.experiment == 'ner' or 'gpu' in run.tags)", ["alice-ner", "bob-ner"]),
        ("run.steps == 12 and run.lang == 'en' and 'ner' in run.pipeline", ["alice-ner", "alice-spancat", "bob-ner", "carol"]),
        ("run.final.ents_f >= 0.7", ["alice-ner", "alice-spancat", "bob-ner", "carol"]),
        ("run.final.ents_f > 0.7015", ["alice-spancat", "bob-ner", "carol"]),
        ("run.final.sents_f == None and run.final.no_such_score is None", ["alice-ner", "alice-spancat", "bob-ner", "carol"]),
        ("run.final_last.ents_f == metric(\"ents_f\").last", ["alice-ner", "alice-spancat", "bob-ner", "carol"]),
        ("metric(\"ents_f\").max > 0.7025", ["alice-spancat", "carol"]),
        ("metric('loss', component='ner').last < 140", ["alice-ner", "bob-ner", "carol"]),
        ("metric('loss', component='ner').max > 1502.5 and metric('loss', component='ner').min < 72", ["alice-spancat"]),
        ("metric('loss').count == 12 and metric('nope').last == None", ["alice-ner", "alice-spancat", "bob-ner", "carol"]),
        ("metric('speed').min == 12034.5 and metric('loss', component='tok2vec').max > 80", ["alice-ner", "alice-spancat", "bob-ner", "carol"]),
        ("0.0009 < run.hparams.training.optimizer.learn_rate < 0.0015", ["alice-ner", "carol"]),
        ("run.hparams.system.seed in [1, 2]", ["bob-ner", "carol"]),
        ("run.hparams.system.seed not in [1, 2, -1]", ["alice-ner", "alice-spancat"]),
        ("-run.hparams.system.seed < -3", ["alice-spancat"]),
        ("\"optimizer\" in run.hparams.training and run.hparams.training.nothing is None and run.name == 'carol'", ["carol"]),
        ("run.hparams.training.logger['@loggers'] == 'spacy.AimLogger.v1' and run.name < 'b'", ["alice-ner", "alice-spancat"]),
        ("run.evaluation.ents_per_type.ORG.r == 1 and run.evaluation.ents_f > 0.72", ["alice-ner", "alice-spancat", "bob-ner", "carol"]),
        ("run.created >= '2025-11-27T01' and run.hash != ''", ["alice-spancat", "carol"]),
        ("run.description == 'NER on the fixture corpus, seed 1' or run.spacy_version == 'x'", ["bob-ner"]),
        ("run.creation_time > 1764207000 and run.creation_time < 1764215000", ["alice-spancat", "carol"]),
        ("run.imported > run.created and True", ["alice-ner", "alice-spancat", "bob-ner", "carol"]),
        ("run.name == 'carol' and run.hparams.training.dropout < 'text'", []),
        ("False or None", []),
        ("run.datasets.train.docs == 120 and run.datasets.dev.tokens > 600 and run.datasets.dev.path == 'corpus/dev.spacy' and run.datasets.test.docs is None and run.name == 'bob-ner'", ["bob-ner"]),
        ("'PERSON' in run.labels.ner and 'tok2vec' in run.labels and run.labels.tok2vec == [] and run.labels.parser is None and run.name < 'b'", ["alice-ner", "alice-spancat"]),
    ]

    @Test(arguments: Backend.allCases, QueryTests.examples)
    func selects(_ backend: Backend, _ example: (expression: String, expected: [String])) throws {
        guard let names = try QueryTests.selected(example.expression, on: backend) else { return }
        #expect(names == example.expected)
    }

    @Test(arguments: [
        ("run.experimnt == 'ner'", 5, "unknown attribute 'experimnt' of run"),
        ("run.name == 'x' and foo > 1", 21, "unknown name 'foo'"),
        ("run.name == ", 13, "expected a value, found end of query"),
        ("(run.name == 'x'", 17, "expected ')' to close the '(' at column 1"),
        ("run.name == 'x", 13, "unterminated string"),
        ("run.name = 'x'", 10, "unexpected '='"),
        ("run.final >= 0.7", 5, "run.final needs one score name"),
        ("metric('ents_f') > 0.5", 7, "metric(...) needs a field"),
        ("metric('ents_f').mean > 0.5", 7, "metric(...) needs a field"),
        ("metric(ents_f).last", 8, "takes one series name as a string"),
        ("metrics('x').last", 1, "unknown function 'metrics'"),
        ("run.steps.x", 11, "run.steps has no attribute 'x'"),
        ("run.name == 'a' && run.steps", 17, "unexpected character '&'"),
        ("run", 1, "'run' needs an attribute"),
        ("", 1, "empty query"),
        ("run.hparams[0]", 13, "expected a string key"),
        ("run.labels.ner.x", 16, "run.labels.ner is a list and has no attribute 'x'"),
        ("run.datasets.train.size", 20, "run.datasets needs a corpus role and a field"),
        ("run.datasets.train", 14, "run.datasets needs a corpus role and a field"),
        ("run.tags and", 13, "expected a value, found end of query"),
    ])
    func reportsWhereTheErrorIs(expression: String, column: Int, message: String) throws {
        #expect {
            _ = try RunQuery(expression)
        } throws: { error in
            guard let error = error as? QueryError else { return false }
            return error.column == column && error.message.contains(message)
        }
    }

    @Test func errorDescriptionShowsTheExpressionWithACaret() {
        #expect {
            _ = try RunQuery("run.experiment == 'ner' and run.lr < 0.1")
        } throws: { error in
            (error as? QueryError)?.description == """
                query:1:33: error: unknown attribute 'lr' of run; expected one of \(RunQuery.runAttributes.joined(separator: ", "))
                  run.experiment == 'ner' and run.lr < 0.1
                                                  ^
                """
        }
    }

    /// SQLite's JSON functions refuse NaN, which Python's `json` writes, and PostgreSQL's `jsonb`
    /// cannot hold it; such trees are parsed instead.
    @Test(arguments: Backend.allCases)
    func treesHoldingNaNAreQueriedByParsingThem(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        var run = try SampleRuns.ner(seed: 0, name: "odd", repository: store)
        run.hyperparameters = .object([("training", .object([("dropout", .double(.nan)), ("patience", .int(1600))])), ("say \"hi\"", .int(1))])
        try store.insert(run, replace: false, replacing: [])
        try store.insert(try SampleRuns.ner(seed: 1, name: "plain", repository: store), replace: false, replacing: [])
        #expect(try store.runs(matching: RunQuery("run.hparams.training.patience == 1600")).map(\.name) == ["odd", "plain"])
        #expect(try store.runs(matching: RunQuery("run.hparams.training.dropout < 1")).map(\.name) == ["plain"])
        #expect(try store.runs(matching: RunQuery("run.hparams['say \"hi\"'] == 1")).map(\.name) == ["odd"])
        #expect(try store.runs(matching: RunQuery("'system' in run.hparams")).map(\.name) == ["plain"])
    }

    @Test func onlyTheNeededPartsAreLoaded() throws {
        #expect(try RunQuery("run.name == 'x'").parts == [])
        #expect(try RunQuery("run.hparams.a == 1").parts == [])
        #expect(try RunQuery("run.hparams.a == 1").extracts == [JSONExtract(tree: .config, path: ["a"])])
        #expect(try RunQuery("'a' in run.hparams").parts == [.hyperparameters])
        #expect(try RunQuery("run.hparams['say \\\"hi\\\"'] == 1").parts == [.hyperparameters])
        #expect(try RunQuery("run.final.a > 0 or metric('x').last > 0").parts == [.finalScores, .series])
    }
}
