import AimSpacyModel
import Foundation
import GRDB

extension RunRepository {
    /// The whole run with this hash, equal to the value that was inserted, or `nil`.
    public func run(hash: String) throws(RepositoryError) -> Run? {
        try read { db in try RunRepository.readRun(hash, db) }
    }

    /// The runs with these hashes, in that order; hashes no longer stored are skipped.
    public func runs(hashes: [String]) throws(RepositoryError) -> [Run] {
        var runs: [Run] = []
        for hash in hashes {
            if let found = try run(hash: hash) { runs.append(found) }
        }
        return runs
    }

    /// The hashes of every run, oldest creation first.
    public func hashes() throws(RepositoryError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT hash FROM runs ORDER BY created, hash") }
    }

    /// The points of every series of a run, without the rest of the run (for `metrics`).
    public func series(ofRun hash: String) throws(RepositoryError) -> [MetricSeries] {
        try read { db in try RunRepository.readSeries(hash, db) }
    }

    private static func readRun(_ hash: String, _ db: Database) throws -> Run? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE hash = ?", arguments: [hash]) else { return nil }
        let evaluationText: String? = row["evaluation_json"]
        var run = Run(
            hash: row["hash"], experiment: row["experiment"], name: row["name"],
            tags: try String.fetchAll(db, sql: "SELECT tag FROM tags WHERE run = ? ORDER BY ord", arguments: [hash]),
            description: row["description"],
            created: Date(timeIntervalSinceReferenceDate: row["created"]),
            imported: Date(timeIntervalSinceReferenceDate: row["imported"]),
            complete: row["complete"],
            hyperparameters: try RunCoding.parse(row["config_json"], "config"),
            configText: row["config_text"],
            pipeline: try RunCoding.strings(from: row["pipeline_json"], "pipeline"),
            lang: row["lang"], spacyVersion: row["spacy_version"],
            settings: try RunCoding.settings(from: row["settings_json"]),
            evaluation: try evaluationText.map { text throws(RepositoryError) in try RunCoding.parse(text, "evaluation") },
            warnings: try RunCoding.strings(from: row["warnings_json"], "warnings")
        )
        run.series = try readSeries(hash, db)
        run.finalScores = try readFinalScores(hash, db)
        run.labels = try Row.fetchAll(
            db, sql: "SELECT component, labels_json FROM labels WHERE run = ? ORDER BY ord", arguments: [hash]
        ).map { row throws in
            ComponentLabels(component: row["component"], labels: try RunCoding.strings(from: row["labels_json"], "labels"))
        }
        run.datasets = try Row.fetchAll(db, sql: "SELECT * FROM datasets WHERE run = ? ORDER BY ord", arguments: [hash])
            .map { row throws in
                DatasetStatistics(
                    role: row["role"], path: row["path"], docs: row["docs"], tokens: row["tokens"],
                    sentences: row["sentences"], entityLabels: try RunCoding.counts(from: row["entity_labels_json"]),
                    spanLabels: try RunCoding.counts(from: row["span_labels_json"]),
                    catLabels: try RunCoding.counts(from: row["cat_labels_json"])
                )
            }
        run.renders = try Row.fetchAll(
            db,
            sql: """
                SELECT renders.id, renders.style, renders.markup FROM run_renders
                JOIN renders ON renders.id = run_renders.render WHERE run_renders.run = ? ORDER BY run_renders.ord
                """,
            arguments: [hash]
        ).map { Render(id: $0["id"], style: $0["style"], markup: $0["markup"]) }
        var docs: [Int: [String]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT visualisation, render FROM visualisation_docs WHERE run = ? ORDER BY visualisation, ord",
            arguments: [hash]
        ) {
            docs[row["visualisation"], default: []].append(row["render"])
        }
        run.visualisations = try Row.fetchAll(
            db, sql: "SELECT ord, step, style FROM visualisations WHERE run = ? ORDER BY ord", arguments: [hash]
        ).map { Visualisation(step: $0["step"], style: $0["style"], renderIDs: docs[$0["ord"]] ?? []) }
        run.sources = try Row.fetchAll(
            db, sql: "SELECT path, size, sha256, role FROM sources WHERE run = ? ORDER BY ord", arguments: [hash]
        ).map { SourceFile(path: $0["path"], size: $0["size"], sha256: $0["sha256"], role: $0["role"]) }
        run.predictions = try readPredictionRows(hash, db).map(\.set)
        return run
    }

    static func readSeries(_ hash: String, _ db: Database) throws -> [MetricSeries] {
        try Row.fetchAll(
            db, sql: "SELECT ord, name, context_json, points FROM series WHERE run = ? ORDER BY ord", arguments: [hash]
        ).map { row throws in
            let name: String = row["name"]
            let packed: Data = row["points"] ?? Data()
            let points: [MetricPoint]
            do {
                points = try PackedPoints.decode(packed)
            } catch {
                throw RepositoryError("run \(hash): series \(row["ord"] as Int) (\(name)): \(error)")
            }
            var series = MetricSeries(name: name, points: points)
            series.context = try RunCoding.context(from: row["context_json"])
            return series
        }
    }

    private static func readFinalScores(_ hash: String, _ db: Database) throws -> [FinalScores] {
        var finals = try Row.fetchAll(
            db, sql: "SELECT model FROM final_models WHERE run = ? ORDER BY ord", arguments: [hash]
        ).map { FinalScores(model: $0["model"]) }
        for row in try Row.fetchAll(
            db, sql: "SELECT model_ord, name, value FROM final_scores WHERE run = ? ORDER BY model_ord, ord",
            arguments: [hash]
        ) {
            let index: Int = row["model_ord"]
            guard finals.indices.contains(index) else { continue }
            finals[index].scores.append(NamedScore(name: row["name"], value: StoredDouble.decode(row["value"])))
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT model_ord, name, rows_json FROM score_tables WHERE run = ? ORDER BY model_ord, ord",
            arguments: [hash]
        ) {
            let index: Int = row["model_ord"]
            guard finals.indices.contains(index) else { continue }
            finals[index].perLabel.append(ScoreTable(name: row["name"], rows: try RunCoding.rows(from: row["rows_json"])))
        }
        return finals
    }
}

extension RunRepository {
    /// Whether a run with this hash is stored (an import can say "unchanged" before decoding more).
    public func contains(hash: String) throws(RepositoryError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE hash = ?", arguments: [hash]) ?? false }
    }

    /// The hashes of the runs with this name and experiment (`nil`: none), e.g. the earlier import
    /// of a folder that `--replace` should replace.
    public func hashes(named name: String, experiment: String?) throws(RepositoryError) -> [String] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT hash FROM runs WHERE name = ? AND experiment IS ? ORDER BY created, hash",
                arguments: [name, experiment]
            )
        }
    }
}
