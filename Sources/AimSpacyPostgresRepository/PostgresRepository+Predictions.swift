import AimSpacyModel
import AimSpacyRepository
import Foundation
import PostgresNIO

extension PostgresSchema {
    /// v2: the runs' prediction sets, as in the SQLite repository's v4: the scores as JSON text in
    /// spaCy's key order, the per-doc error counts packed (`PackedCounts`), the DocBins by sha256.
    static let v2Predictions = """
        CREATE TABLE aim_spacy.predictions (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            ord integer NOT NULL,
            model text NOT NULL,
            gold text NOT NULL,
            gold_sha256 text NOT NULL,
            predicted text NOT NULL,
            predicted_sha256 text NOT NULL,
            docs bigint NOT NULL,
            scores_json text NOT NULL,
            doc_errors bytea NOT NULL,
            PRIMARY KEY (run, ord),
            UNIQUE (run, model, gold_sha256)
        );
        CREATE INDEX predictions_gold ON aim_spacy.predictions (gold_sha256);
        CREATE INDEX predictions_predicted ON aim_spacy.predictions (predicted_sha256);
        """
}

extension PostgresRepository {
    /// Attaches prediction sets to a stored run in one transaction, as `RunRepository` does; writers
    /// of the same run take turns (the transaction lock `insert` takes on its hash).
    public func attachPredictions(_ sets: [PredictionSet], toRun hash: String, replace: Bool) throws(RepositoryError) -> AttachOutcome {
        try session.transaction { calls -> AttachOutcome in
            try PostgresRepository.checkPredictionObjects(sets, run: hash, calls)
            try calls.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(hash), 0))")
            guard try calls.row("SELECT 1 FROM aim_spacy.runs WHERE hash = \(hash)") != nil else {
                throw RepositoryError("no run \(hash) in the repository")
            }
            let stored = try PostgresRepository.readPredictionRows(hash, calls)
            let (steps, outcome) = try PredictionMerge.plan(stored: stored, adding: sets, replace: replace, run: hash)
            var statements: [PostgresQuery] = []
            for step in steps {
                switch step {
                case .attach(let set, let ord):
                    statements.append(PostgresRepository.statement(writing: set, ord: ord, run: hash))
                case .replace(let set, let ord):
                    statements.append("DELETE FROM aim_spacy.predictions WHERE run = \(hash) AND ord = \(ord)")
                    statements.append(PostgresRepository.statement(writing: set, ord: ord, run: hash))
                case .unchanged:
                    break
                }
            }
            if !statements.isEmpty { try calls.pipeline(statements) }
            return outcome
        }
    }

    public func predictions(ofRun hash: String) throws(RepositoryError) -> [PredictionSet] {
        try session.reading { calls in try PostgresRepository.readPredictionRows(hash, calls).map(\.set) }
    }

    /// Refuses sets whose DocBins the store lacks.
    static func checkPredictionObjects(_ sets: [PredictionSet], run: String, _ calls: PostgresCalls) throws {
        let wanted = Array(Set(sets.flatMap { [$0.goldSHA256, $0.predictedSHA256] })).sorted()
        guard !wanted.isEmpty else { return }
        let present = Set(try calls.rows("SELECT sha256 FROM aim_spacy.objects WHERE sha256 = ANY(\(wanted))").map { try $0[0].decode(String.self) })
        for set in sets {
            for (sha, path) in [(set.goldSHA256, set.gold), (set.predictedSHA256, set.predicted)] where !present.contains(sha) {
                throw RepositoryError("run \(run): object \(sha) of \(path) (predictions of \(set.label)) is not in the store; store it first")
            }
        }
    }

    /// The statements that write a new run's prediction sets.
    static func statements(writingPredictionsOf run: Run) -> [PostgresQuery] {
        run.predictions.enumerated().map { statement(writing: $1, ord: $0, run: run.hash) }
    }

    static func statement(writing set: PredictionSet, ord: Int, run: String) -> PostgresQuery {
        let errors = ByteBuffer(bytes: PackedCounts.encode(set.docErrors))
        return """
            INSERT INTO aim_spacy.predictions (run, ord, model, gold, gold_sha256, predicted, predicted_sha256, docs,
                scores_json, doc_errors)
            VALUES (\(run), \(ord), \(set.model), \(set.gold), \(set.goldSHA256), \(set.predicted), \(set.predictedSHA256),
                \(set.docs), \(RunCoding.text(set.scores)), \(errors))
            """
    }

    static func readPredictionRows(_ hash: String, _ calls: PostgresCalls) throws -> [(ord: Int, set: PredictionSet)] {
        try calls.rows("""
            SELECT ord, model, gold, gold_sha256, predicted, predicted_sha256, docs, scores_json, doc_errors
            FROM aim_spacy.predictions WHERE run = \(hash) ORDER BY ord
            """).map { row in
            let packed = try row[8].decode(ByteBuffer.self)
            let set = PredictionSet(
                model: try row[1].decode(String.self), gold: try row[2].decode(String.self),
                goldSHA256: try row[3].decode(String.self), predicted: try row[4].decode(String.self),
                predictedSHA256: try row[5].decode(String.self), docs: try row[6].decode(Int.self),
                scores: try RunCoding.parse(try row[7].decode(String.self), "prediction scores"),
                docErrors: try PackedCounts.decode(packed.readableBytesView, "per-doc errors of run \(hash)")
            )
            return (try row[0].decode(Int.self), set)
        }
    }

    /// The objects prediction sets refer to, as rows `(sha256, run, path)` for `repo check`.
    static let predictionReferences = """
        SELECT gold_sha256, run, gold FROM aim_spacy.predictions
        UNION ALL SELECT predicted_sha256, run, predicted FROM aim_spacy.predictions
        """

    /// The condition on an object `o` that no prediction set refers to it.
    static let unreferencedByPredictions = """
        NOT EXISTS (SELECT 1 FROM aim_spacy.predictions p WHERE p.gold_sha256 = o.sha256 OR p.predicted_sha256 = o.sha256)
        """
}
