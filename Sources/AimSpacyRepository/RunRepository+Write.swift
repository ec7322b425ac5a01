import AimSpacyModel
import Foundation
import GRDB

/// What writing a run did.
public enum InsertOutcome: Sendable, Equatable {
    /// The run was new.
    case inserted
    /// A run with this hash was already there; nothing changed.
    case unchanged
    /// The run replaced these runs (its own hash, or those passed as `replacing`).
    case replaced([String])
}

extension RunRepository {
    /// Runs `body`, which stores a run's objects and then inserts the run, while holding the
    /// repository's writer lock shared: concurrent writers proceed, and `check` (which takes the lock
    /// exclusively) waits for them instead of taking their objects for orphans.
    public func whileWriting<T>(_ body: () throws(RepositoryError) -> T) throws(RepositoryError) -> T {
        let lock = try FileLock(path: writerLockPath, shared: true)
        defer { lock.unlock() }
        return try body()
    }

    var writerLockPath: String { directory.appendingPathComponent("writers.lock").path }

    /// Writes a run in one transaction: after a crash at any moment the run is either absent or
    /// complete. Keyed by hash: a run already present is left as it is (`.unchanged`) unless
    /// `replace` is true. `replacing` names other runs (e.g. an earlier import of the same folder)
    /// deleted in the same transaction. Every source's object must already be in the store.
    @discardableResult
    public func insert(_ run: Run, replace: Bool = false, replacing: [String] = []) throws(RepositoryError) -> InsertOutcome {
        for source in run.sources where !objects.contains(source.sha256) {
            throw RepositoryError("run \(run.hash): object \(source.sha256) of \(source.path) is not in the store; store it before inserting the run")
        }
        let known = Set(run.renders.map(\.id))
        for visualisation in run.visualisations {
            for id in visualisation.renderIDs where !known.contains(id) {
                throw RepositoryError("run \(run.hash): visualisation refers to render \(id), which the run does not hold")
            }
        }
        try checkPredictionObjects(run.predictions, run: run.hash)
        return try write { db in
            let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE hash = ?", arguments: [run.hash]) ?? false
            var removed = try RunRepository.deleteRuns(replacing.filter { $0 != run.hash }, db)
            if exists {
                if !replace { return removed.isEmpty ? .unchanged : .replaced(removed) }
                removed.insert(contentsOf: try RunRepository.deleteRuns([run.hash], db), at: 0)
            }
            try RunRepository.writeRun(run, db)
            try RunRepository.writePredictions(run, db)
            return removed.isEmpty ? .inserted : .replaced(removed)
        }
    }

    /// Deletes the runs (their rows go with them) and the renders that only they showed; returns
    /// the hashes that were there. Only those runs' renders are looked at, not the whole table.
    static func deleteRuns(_ hashes: [String], _ db: Database) throws -> [String] {
        var removed: [String] = []
        var renders: Set<String> = []
        for hash in hashes where !removed.contains(hash) {
            renders.formUnion(try String.fetchAll(db, sql: "SELECT render FROM run_renders WHERE run = ?", arguments: [hash]))
            try db.execute(sql: "DELETE FROM runs WHERE hash = ?", arguments: [hash])
            if db.changesCount > 0 { removed.append(hash) }
        }
        for id in renders.sorted() {
            try db.execute(
                sql: "DELETE FROM renders WHERE id = ? AND NOT EXISTS (SELECT 1 FROM run_renders WHERE render = ?)",
                arguments: [id, id]
            )
        }
        return removed
    }

    /// Deletes every render no run shows (`repo check --fix`).
    static func deleteUnreferencedRenders(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM renders WHERE id NOT IN (SELECT render FROM run_renders)")
    }

    private static func writeRun(_ run: Run, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO runs (hash, experiment, name, description, created, imported, complete, steps,
                    config_json, config_text, pipeline_json, lang, spacy_version, settings_json, evaluation_json,
                    warnings_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                run.hash, run.experiment, run.name, run.description, run.created.timeIntervalSinceReferenceDate,
                run.imported.timeIntervalSinceReferenceDate, run.complete, run.steps,
                RunCoding.text(run.hyperparameters), run.configText, RunCoding.strings(run.pipeline), run.lang,
                run.spacyVersion, RunCoding.settings(run.settings), run.evaluation.map(RunCoding.text),
                RunCoding.strings(run.warnings),
            ]
        )
        for (ord, tag) in run.tags.enumerated() {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO tags (run, ord, tag) VALUES (?, ?, ?)").execute(arguments: [run.hash, ord, tag])
        }
        let insertSeries = try db.cachedStatement(sql: """
            INSERT INTO series (run, ord, name, context_json, count, last, min, max, points)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (ord, series) in run.series.enumerated() {
            try insertSeries.execute(arguments: [
                run.hash, ord, series.name, RunCoding.context(series.context), series.points.count,
                StoredDouble.encode(series.last), StoredDouble.encode(series.min), StoredDouble.encode(series.max),
                Data(PackedPoints.encode(series.points)),
            ])
        }
        for (modelOrd, final) in run.finalScores.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO final_models (run, ord, model) VALUES (?, ?, ?)").execute(arguments: [run.hash, modelOrd, final.model]
            )
            for (ord, score) in final.scores.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO final_scores (run, model_ord, ord, name, value) VALUES (?, ?, ?, ?, ?)").execute(arguments: [run.hash, modelOrd, ord, score.name, StoredDouble.encode(score.value)]
                )
            }
            for (ord, table) in final.perLabel.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO score_tables (run, model_ord, ord, name, rows_json) VALUES (?, ?, ?, ?, ?)").execute(arguments: [run.hash, modelOrd, ord, table.name, RunCoding.rows(table.rows)]
                )
            }
        }
        for (ord, component) in run.labels.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO labels (run, ord, component, labels_json) VALUES (?, ?, ?, ?)").execute(arguments: [run.hash, ord, component.component, RunCoding.strings(component.labels)]
            )
        }
        for (ord, dataset) in run.datasets.enumerated() {
            try db.cachedStatement(sql: """
                    INSERT INTO datasets (run, ord, role, path, docs, tokens, sentences, entity_labels_json,
                        span_labels_json, cat_labels_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                    run.hash, ord, dataset.role, dataset.path, dataset.docs, dataset.tokens, dataset.sentences,
                    RunCoding.counts(dataset.entityLabels), RunCoding.counts(dataset.spanLabels),
                    RunCoding.counts(dataset.catLabels),
                ]
            )
        }
        for (ord, render) in run.renders.enumerated() {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO renders (id, style, markup) VALUES (?, ?, ?)").execute(arguments: [render.id, render.style, render.markup]
            )
            try db.cachedStatement(sql: "INSERT INTO run_renders (run, ord, render) VALUES (?, ?, ?)").execute(arguments: [run.hash, ord, render.id]
            )
        }
        for (ord, visualisation) in run.visualisations.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO visualisations (run, ord, step, style) VALUES (?, ?, ?, ?)").execute(arguments: [run.hash, ord, visualisation.step, visualisation.style]
            )
            for (doc, id) in visualisation.renderIDs.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO visualisation_docs (run, visualisation, ord, render) VALUES (?, ?, ?, ?)").execute(arguments: [run.hash, ord, doc, id]
                )
            }
        }
        for (ord, source) in run.sources.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO sources (run, ord, path, size, sha256, role) VALUES (?, ?, ?, ?, ?, ?)").execute(arguments: [run.hash, ord, source.path, source.size, source.sha256, source.role]
            )
        }
    }
}

extension RunRepository {
    /// Copies a source file into the object store (streaming, atomic) and returns its sha256; call
    /// it for every source before `insert`. See `ObjectStore.storeObject(contentsOf:knownSHA256:)`.
    @discardableResult
    public func storeObject(contentsOf source: URL, knownSHA256: String? = nil) throws(RepositoryError) -> String {
        try objects.storeObject(contentsOf: source, knownSHA256: knownSHA256)
    }
}
