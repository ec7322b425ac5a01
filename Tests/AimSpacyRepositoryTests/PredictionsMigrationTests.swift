import AimSpacyModel
@testable import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import GRDB
import Testing

/// Schema v4 (prediction sets): a v3 repository is upgraded in place, and prediction sets round-trip through it.
@Suite struct PredictionsMigrationTests {
    static func set(model: String = "model-best", gold: String = "aa", predicted: String = "bb", errors: [Int] = [0, 3, 200, 70_000]) -> PredictionSet {
        PredictionSet(
            model: model, gold: "corpus/dev.spacy", goldSHA256: String(repeating: gold, count: 32), predicted: "dev.pred.spacy",
            predictedSHA256: String(repeating: predicted, count: 32), docs: errors.count,
            scores: .object([("token_acc", .double(1.0)), ("ents_f", .double(0.6322869955156951)), ("cats_macro_auc", .null),
                             ("ents_per_type", .object([("PERSON", .object([("p", .double(0.5)), ("r", .double(0.25)), ("f", .double(1.0 / 3))]))]))]),
            docErrors: errors)
    }

    @Test func theV3FixtureRepositoryUpgradesAndTakesPredictions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.url.appendingPathComponent(RunRepository.databaseName)
        try FileManager.default.copyItem(at: Fixture.url("repositories/v3/runs.sqlite"), to: database)
        let before = try DatabaseQueue(path: database.path)
        let runsBefore = try before.read { db in try Row.fetchAll(db, sql: "SELECT hash, name, steps FROM runs").map(\.description) }
        let seriesBefore = try before.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM series") }
        #expect(try before.read { db in try db.tableExists("predictions") } == false)
        try before.close()

        let repository = try RunRepository(directory: directory.url, create: false)
        #expect(try repository.schemaVersions() == ["v1", "v2", "v3", "v4"])
        let hashes = try repository.hashes()
        #expect(hashes.count == 1)
        let hash = try #require(hashes.first)
        let run = try #require(try repository.run(hash: hash))
        #expect(run.predictions.isEmpty)
        #expect(run.series.count == seriesBefore)
        #expect(try repository.check().integrityProblems.isEmpty)

        let gold = try repository.storeObject(data: Data("gold".utf8))
        let predicted = try repository.storeObject(data: Data("predicted".utf8))
        var set = Self.set()
        set.goldSHA256 = gold
        set.predictedSHA256 = predicted
        let outcome = try repository.attachPredictions([set], toRun: hash, replace: false)
        #expect(outcome == AttachOutcome(attached: [set.label]))
        #expect(try repository.run(hash: hash)?.predictions == [set])
        #expect(try repository.check().orphanObjects.isEmpty, "the DocBins of a prediction set are referenced")

        let after = try DatabaseQueue(path: database.path)
        #expect(try after.read { db in try Row.fetchAll(db, sql: "SELECT hash, name, steps FROM runs").map(\.description) } == runsBefore)
        try after.close()
    }

    @Test(arguments: [[], [0], [127, 128, 16_383, 16_384, Int(Int32.max), 1 << 40]])
    func perDocErrorsPackAndUnpack(_ counts: [Int]) throws {
        let packed = PackedCounts.encode(counts)
        #expect(try PackedCounts.decode(packed, "test") == counts)
        #expect(packed.count >= counts.count)
    }

    @Test func aCutShortPackingIsRefused() {
        #expect(throws: RepositoryError.self) { try PackedCounts.decode([0x05, 0x80], "test") }
    }

    @Test func aRunInsertedWithPredictionsReadsBackEqual() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let gold = try repository.storeObject(data: Data("g".utf8))
        let predicted = try repository.storeObject(data: Data("p".utf8))
        var run = Run(hash: "abc123", name: "r", created: Date(timeIntervalSinceReferenceDate: 0), imported: Date(timeIntervalSinceReferenceDate: 0))
        var first = Self.set()
        first.goldSHA256 = gold
        first.predictedSHA256 = predicted
        var second = first
        second.model = "model-last"
        second.docErrors = []
        run.predictions = [first, second]
        #expect(try repository.insert(run) == .inserted)
        #expect(try repository.run(hash: run.hash) == run)
        #expect(try repository.predictions(ofRun: run.hash) == [first, second])

        var missing = Self.set(gold: "cc")
        missing.predictedSHA256 = predicted
        #expect(throws: RepositoryError.self) { try repository.attachPredictions([missing], toRun: run.hash, replace: true) }
        #expect(try repository.predictions(ofRun: run.hash) == [first, second])
    }
}
