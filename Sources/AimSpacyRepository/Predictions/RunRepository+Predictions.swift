import AimSpacyModel
import Foundation
import GRDB

extension RunRepository {
    /// Attaches prediction sets to a stored run in one transaction, under `PredictionMerge`'s rule;
    /// both DocBins of every set must already be in the object store.
    public func attachPredictions(_ sets: [PredictionSet], toRun hash: String, replace: Bool) throws(RepositoryError) -> AttachOutcome {
        try checkPredictionObjects(sets, run: hash)
        return try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE hash = ?", arguments: [hash]) ?? false else {
                throw RepositoryError("no run \(hash) in the repository")
            }
            let stored = try RunRepository.readPredictionRows(hash, db)
            let (steps, outcome) = try PredictionMerge.plan(stored: stored, adding: sets, replace: replace, run: hash)
            for step in steps {
                switch step {
                case .attach(let set, let ord):
                    try RunRepository.writePrediction(set, ord: ord, run: hash, db)
                case .replace(let set, let ord):
                    try db.execute(sql: "DELETE FROM predictions WHERE run = ? AND ord = ?", arguments: [hash, ord])
                    try RunRepository.writePrediction(set, ord: ord, run: hash, db)
                case .unchanged:
                    break
                }
            }
            return outcome
        }
    }

    /// The prediction sets of a run, in order (none for a run not stored).
    public func predictions(ofRun hash: String) throws(RepositoryError) -> [PredictionSet] {
        try read { db in try RunRepository.readPredictionRows(hash, db).map(\.set) }
    }

    /// Refuses sets whose DocBins the store lacks, before any transaction.
    func checkPredictionObjects(_ sets: [PredictionSet], run: String) throws(RepositoryError) {
        for set in sets {
            for (sha, path) in [(set.goldSHA256, set.gold), (set.predictedSHA256, set.predicted)] where !objects.contains(sha) {
                throw RepositoryError("run \(run): object \(sha) of \(path) (predictions of \(set.label)) is not in the store; store it first")
            }
        }
    }

    static func writePredictions(_ run: Run, _ db: Database) throws {
        for (ord, set) in run.predictions.enumerated() { try writePrediction(set, ord: ord, run: run.hash, db) }
    }

    static func writePrediction(_ set: PredictionSet, ord: Int, run: String, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO predictions (run, ord, model, gold, gold_sha256, predicted, predicted_sha256, docs, scores_json, doc_errors)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                run, ord, set.model, set.gold, set.goldSHA256, set.predicted, set.predictedSHA256, set.docs,
                RunCoding.text(set.scores), Data(PackedCounts.encode(set.docErrors)),
            ])
    }

    static func readPredictionRows(_ hash: String, _ db: Database) throws -> [(ord: Int, set: PredictionSet)] {
        try Row.fetchAll(db, sql: "SELECT * FROM predictions WHERE run = ? ORDER BY ord", arguments: [hash]).map { row throws in
            let packed: Data = row["doc_errors"] ?? Data()
            let set = PredictionSet(
                model: row["model"], gold: row["gold"], goldSHA256: row["gold_sha256"], predicted: row["predicted"],
                predictedSHA256: row["predicted_sha256"], docs: row["docs"],
                scores: try RunCoding.parse(row["scores_json"], "prediction scores"),
                docErrors: try PackedCounts.decode(packed, "per-doc errors of run \(hash)")
            )
            return (row["ord"], set)
        }
    }

    /// Every object prediction sets refer to, with the run and the path shown (`repo check`).
    static func predictionReferences(_ db: Database) throws -> [(String, String, String)] {
        try Row.fetchAll(db, sql: """
            SELECT gold_sha256 AS sha256, run, gold AS path FROM predictions
            UNION ALL SELECT predicted_sha256, run, predicted FROM predictions
            """).map { ($0["sha256"] as String, $0["run"] as String, $0["path"] as String) }
    }
}
