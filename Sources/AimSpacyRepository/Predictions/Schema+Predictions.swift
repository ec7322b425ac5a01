import GRDB

extension Schema {
    /// v4: the runs' prediction sets (`PredictionSet`): the scores as JSON text in spaCy's key order,
    /// the per-doc error counts packed (`PackedCounts`), the two DocBins by sha256 in the object store.
    /// One set per run, model and gold DocBin.
    static func addPredictions(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE predictions (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                model TEXT NOT NULL,
                gold TEXT NOT NULL,
                gold_sha256 TEXT NOT NULL,
                predicted TEXT NOT NULL,
                predicted_sha256 TEXT NOT NULL,
                docs INTEGER NOT NULL,
                scores_json TEXT NOT NULL,
                doc_errors BLOB NOT NULL,
                PRIMARY KEY (run, ord)
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX predictions_key ON predictions(run, model, gold_sha256);
            CREATE INDEX predictions_gold ON predictions(gold_sha256);
            CREATE INDEX predictions_predicted ON predictions(predicted_sha256);
            """)
    }
}
