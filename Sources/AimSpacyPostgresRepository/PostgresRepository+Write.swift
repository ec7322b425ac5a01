import AimSpacyModel
import AimSpacyRepository
import Foundation
import PostgresNIO

extension PostgresRepository {
    /// Writes a run in one transaction, as `RunRepository.insert` does. Writers of the same run
    /// take turns (a transaction lock on its hash), so concurrent imports of one training store it
    /// once and the others find it `.unchanged`. The lock, the checks and the writes are sent
    /// without waiting between them: the calling thread waits twice, for the checks and for the
    /// commit.
    @discardableResult
    public func insert(_ run: Run, replace: Bool = false, replacing: [String] = []) throws(RepositoryError) -> InsertOutcome {
        let known = Set(run.renders.map(\.id))
        for visualisation in run.visualisations {
            for id in visualisation.renderIDs where !known.contains(id) {
                throw RepositoryError("run \(run.hash): visualisation refers to render \(id), which the run does not hold")
            }
        }
        let renderIDs = known.sorted()
        let wanted = Array(Set(run.sources.map(\.sha256))).sorted()
        return try session.transaction { calls -> InsertOutcome in
            try PostgresRepository.checkPredictionObjects(run.predictions, run: run.hash, calls)
            try calls.send("SELECT pg_advisory_xact_lock(hashtextextended(\(run.hash), 0))")
            guard let info = try calls.plainRows("""
                SELECT EXISTS (SELECT 1 FROM aim_spacy.runs WHERE hash = \(run.hash)),
                    ARRAY(SELECT sha256 FROM aim_spacy.objects WHERE sha256 = ANY(\(wanted))),
                    ARRAY(SELECT id FROM aim_spacy.renders WHERE id = ANY(\(renderIDs)))
                """).first
            else { throw RepositoryError("run \(run.hash): the server gave no answer") }
            let (exists, presentObjects, storedRenders) = try info.decode((Bool, [String], [String]).self)
            let present = Set(presentObjects)
            if let source = run.sources.first(where: { !present.contains($0.sha256) }) {
                throw RepositoryError("run \(run.hash): object \(source.sha256) of \(source.path) is not in the store; store it before inserting the run")
            }
            var removed = try PostgresRepository.deleteRuns(replacing.filter { $0 != run.hash }, keeping: renderIDs, calls)
            if exists {
                if !replace { return removed.isEmpty ? .unchanged : .replaced(removed) }
                removed.insert(contentsOf: try PostgresRepository.deleteRuns([run.hash], keeping: renderIDs, calls), at: 0)
            }
            // Renders are shared by runs of one corpus: the markup of those already stored is not sent again.
            for statement in PostgresRepository.statements(writing: run, storedRenders: Set(storedRenders)) {
                try calls.send(statement)
            }
            for statement in PostgresRepository.statements(writingPredictionsOf: run) {
                try calls.send(statement)
            }
            return removed.isEmpty ? .inserted : .replaced(removed)
        }
    }

    /// Deletes the runs (their rows go with them) and the renders only they showed, but those in
    /// `kept` (a run about to be written shows them); returns the hashes that were there, in the
    /// order given. The renders go by a statement sent without waiting.
    static func deleteRuns(_ hashes: [String], keeping kept: [String] = [], _ calls: PostgresCalls) throws -> [String] {
        guard !hashes.isEmpty else { return [] }
        guard let row = try calls.plainRows("""
            WITH shown AS (SELECT DISTINCT render FROM aim_spacy.run_renders WHERE run = ANY(\(hashes))),
                gone AS (DELETE FROM aim_spacy.runs WHERE hash = ANY(\(hashes)) RETURNING hash)
            SELECT ARRAY(SELECT hash FROM gone), ARRAY(SELECT render FROM shown)
            """).first
        else { return [] }
        let (gone, shown) = try row.decode(([String], [String]).self)
        if !shown.isEmpty {
            try calls.send("""
                DELETE FROM aim_spacy.renders r WHERE r.id = ANY(\(shown)) AND NOT r.id = ANY(\(kept))
                AND NOT EXISTS (SELECT 1 FROM aim_spacy.run_renders rr WHERE rr.render = r.id)
                AND NOT EXISTS (SELECT 1 FROM aim_spacy.visualisation_docs v WHERE v.render = r.id)
                """)
        }
        let deleted = Set(gone)
        var removed: [String] = []
        for hash in hashes where deleted.contains(hash) && !removed.contains(hash) { removed.append(hash) }
        return removed
    }

    /// The statements that write a run: its row, then the rows of every other table in one
    /// statement; renders (but those already stored) sorted by id, so two transactions sharing
    /// renders lock them in the same order.
    static func statements(writing run: Run, storedRenders: Set<String>) -> [PostgresQuery] {
        let config = RunCoding.text(run.hyperparameters)
        let evaluation = run.evaluation.map(RunCoding.text)
        var statements: [PostgresQuery] = ["""
            INSERT INTO aim_spacy.runs (hash, experiment, name, description, created, imported, complete, steps,
                config_json, config, config_text, pipeline_json, lang, spacy_version, settings_json, evaluation_json,
                evaluation, warnings_json)
            VALUES (\(run.hash), \(run.experiment), \(run.name), \(run.description),
                \(run.created.timeIntervalSinceReferenceDate), \(run.imported.timeIntervalSinceReferenceDate),
                \(run.complete), \(run.steps), \(config), \(jsonb(run.hyperparameters, config))::jsonb, \(run.configText),
                \(RunCoding.strings(run.pipeline)), \(run.lang), \(run.spacyVersion), \(RunCoding.settings(run.settings)),
                \(evaluation), \(run.evaluation.flatMap { jsonb($0, evaluation ?? "") })::jsonb, \(RunCoding.strings(run.warnings)))
            """]
        var rows = PostgresRowBatch()
        func batch(_ table: String, rows count: Int, _ fill: (inout PostgresRowBatch) -> Void, _ suffix: String = "") {
            rows.table("aim_spacy." + table, rows: count, suffix: suffix, fill)
        }

        var seenTags: Set<String> = []
        let tags = run.tags.enumerated().filter { seenTags.insert($0.element).inserted }
        batch("tags", rows: tags.count) {
            $0.constant("run", run.hash)
            $0.column("ord", tags.map(\.offset))
            $0.column("tag", tags.map(\.element))
        }
        batch("series", rows: run.series.count) {
            $0.constant("run", run.hash)
            $0.column("ord", Array(run.series.indices))
            $0.column("name", run.series.map(\.name))
            $0.column("context", run.series.map(\.contextText))
            $0.column("context_json", run.series.map { RunCoding.context($0.context) })
            $0.column("count", run.series.map(\.points.count))
            $0.column("last", run.series.map(\.last), placeholder: 0)
            $0.column("min", run.series.map(\.min), placeholder: 0)
            $0.column("max", run.series.map(\.max), placeholder: 0)
            $0.column("points", run.series.map { ByteBuffer(bytes: PackedPoints.encode($0.points)) })
        }
        batch("final_models", rows: run.finalScores.count) {
            $0.constant("run", run.hash)
            $0.column("ord", Array(run.finalScores.indices))
            $0.column("model", run.finalScores.map(\.model))
        }
        let scores = run.finalScores.enumerated().flatMap { model, final in final.scores.enumerated().map { (model, $0, $1) } }
        batch("final_scores", rows: scores.count) {
            $0.constant("run", run.hash)
            $0.column("model_ord", scores.map(\.0))
            $0.column("ord", scores.map(\.1))
            $0.column("name", scores.map(\.2.name))
            $0.column("value", scores.map(\.2.value), placeholder: 0)
        }
        let tables = run.finalScores.enumerated().flatMap { model, final in final.perLabel.enumerated().map { (model, $0, $1) } }
        batch("score_tables", rows: tables.count) {
            $0.constant("run", run.hash)
            $0.column("model_ord", tables.map(\.0))
            $0.column("ord", tables.map(\.1))
            $0.column("name", tables.map(\.2.name))
            $0.column("rows_json", tables.map { RunCoding.rows($0.2.rows) })
        }
        batch("labels", rows: run.labels.count) {
            $0.constant("run", run.hash)
            $0.column("ord", Array(run.labels.indices))
            $0.column("component", run.labels.map(\.component))
            $0.column("labels_json", run.labels.map { RunCoding.strings($0.labels) })
        }
        batch("datasets", rows: run.datasets.count) {
            $0.constant("run", run.hash)
            $0.column("ord", Array(run.datasets.indices))
            $0.column("role", run.datasets.map(\.role))
            $0.column("path", run.datasets.map(\.path))
            $0.column("docs", run.datasets.map(\.docs))
            $0.column("tokens", run.datasets.map(\.tokens))
            $0.column("sentences", run.datasets.map(\.sentences))
            $0.column("entity_labels_json", run.datasets.map { RunCoding.counts($0.entityLabels) })
            $0.column("span_labels_json", run.datasets.map { RunCoding.counts($0.spanLabels) })
            $0.column("cat_labels_json", run.datasets.map { RunCoding.counts($0.catLabels) })
        }
        var renders: [String: Render] = [:]
        for render in run.renders where renders[render.id] == nil && !storedRenders.contains(render.id) { renders[render.id] = render }
        let newRenders = renders.keys.sorted().map { renders[$0]! }
        batch("renders", rows: newRenders.count, {
            $0.column("id", newRenders.map(\.id))
            $0.column("style", newRenders.map(\.style))
            $0.column("markup", newRenders.map(\.markup))
        }, "ON CONFLICT (id) DO NOTHING")
        batch("run_renders", rows: run.renders.count) {
            $0.constant("run", run.hash)
            $0.column("ord", Array(run.renders.indices))
            $0.column("render", run.renders.map(\.id))
        }
        batch("visualisations", rows: run.visualisations.count) {
            $0.constant("run", run.hash)
            $0.column("ord", Array(run.visualisations.indices))
            $0.column("step", run.visualisations.map(\.step), placeholder: 0)
            $0.column("style", run.visualisations.map(\.style))
        }
        let docs = run.visualisations.enumerated().flatMap { ord, visualisation in visualisation.renderIDs.enumerated().map { (ord, $0, $1) } }
        batch("visualisation_docs", rows: docs.count) {
            $0.constant("run", run.hash)
            $0.column("visualisation", docs.map(\.0))
            $0.column("ord", docs.map(\.1))
            $0.column("render", docs.map(\.2))
        }
        batch("sources", rows: run.sources.count) {
            $0.constant("run", run.hash)
            $0.column("ord", Array(run.sources.indices))
            $0.column("path", run.sources.map(\.path))
            $0.column("size", run.sources.map(\.size))
            $0.column("sha256", run.sources.map(\.sha256))
            $0.column("role", run.sources.map(\.role))
        }
        if let query = rows.query { statements.append(query) }
        return statements
    }

    /// The tree's JSON text when `jsonb` can hold it (no NaN or infinities, no NUL characters),
    /// for queries on the server; `nil` otherwise, and queries parse the text instead.
    static func jsonb(_ value: JSONValue, _ text: String) -> String? {
        func holdable(_ value: JSONValue) -> Bool {
            switch value {
            case .double(let d): return d.isFinite
            case .string(let s): return !s.contains("\u{0}")
            case .array(let items): return items.allSatisfy(holdable)
            case .object(let members): return members.allSatisfy { !$0.key.contains("\u{0}") && holdable($0.value) }
            case .null, .bool, .int: return true
            }
        }
        return holdable(value) ? text : nil
    }
}
