import AimSpacyModel
import AimSpacyRepository
import Foundation
import PostgresNIO

extension PostgresRepository {
    /// Writes a run in one transaction, as `RunRepository.insert` does. Writers of the same run
    /// take turns (a transaction lock on its hash), so concurrent imports of one training store it
    /// once and the others find it `.unchanged`.
    @discardableResult
    public func insert(_ run: Run, replace: Bool = false, replacing: [String] = []) throws(RepositoryError) -> InsertOutcome {
        let known = Set(run.renders.map(\.id))
        for visualisation in run.visualisations {
            for id in visualisation.renderIDs where !known.contains(id) {
                throw RepositoryError("run \(run.hash): visualisation refers to render \(id), which the run does not hold")
            }
        }
        let renderIDs = Array(Set(run.renders.map(\.id))).sorted()
        return try session.transaction { calls -> InsertOutcome in
            try PostgresRepository.checkPredictionObjects(run.predictions, run: run.hash, calls)
            let wanted = Array(Set(run.sources.map(\.sha256))).sorted()
            if !wanted.isEmpty {
                let present = Set(try calls.rows("SELECT sha256 FROM aim_spacy.objects WHERE sha256 = ANY(\(wanted))").map { try $0[0].decode(String.self) })
                if let source = run.sources.first(where: { !present.contains($0.sha256) }) {
                    throw RepositoryError("run \(run.hash): object \(source.sha256) of \(source.path) is not in the store; store it before inserting the run")
                }
            }
            try calls.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(run.hash), 0))")
            let exists = try calls.row("SELECT 1 FROM aim_spacy.runs WHERE hash = \(run.hash)") != nil
            var removed = try PostgresRepository.deleteRuns(replacing.filter { $0 != run.hash }, calls)
            if exists {
                if !replace { return removed.isEmpty ? .unchanged : .replaced(removed) }
                removed.insert(contentsOf: try PostgresRepository.deleteRuns([run.hash], calls), at: 0)
            }
            // Renders are shared by runs of one corpus: the markup of those already stored is not sent again.
            let stored = renderIDs.isEmpty ? [] : Set(try calls.rows("SELECT id FROM aim_spacy.renders WHERE id = ANY(\(renderIDs))").map { try $0[0].decode(String.self) })
            try calls.pipeline(PostgresRepository.statements(writing: run, storedRenders: stored))
            try calls.pipeline(PostgresRepository.statements(writingPredictionsOf: run))
            return removed.isEmpty ? .inserted : .replaced(removed)
        }
    }

    /// Deletes the runs (their rows go with them) and the renders only they showed; returns the
    /// hashes that were there.
    static func deleteRuns(_ hashes: [String], _ calls: PostgresCalls) throws -> [String] {
        var removed: [String] = []
        var renders: Set<String> = []
        for hash in hashes where !removed.contains(hash) {
            for row in try calls.rows("SELECT render FROM aim_spacy.run_renders WHERE run = \(hash)") {
                renders.insert(try row[0].decode(String.self))
            }
            if try calls.execute("DELETE FROM aim_spacy.runs WHERE hash = \(hash)") > 0 { removed.append(hash) }
        }
        let ids = renders.sorted()
        if !ids.isEmpty {
            try calls.execute("""
                DELETE FROM aim_spacy.renders r WHERE r.id = ANY(\(ids))
                AND NOT EXISTS (SELECT 1 FROM aim_spacy.run_renders rr WHERE rr.render = r.id)
                AND NOT EXISTS (SELECT 1 FROM aim_spacy.visualisation_docs v WHERE v.render = r.id)
                """)
        }
        return removed
    }

    /// The statements that write a run, in order; renders (but those already stored) by id, so two
    /// transactions sharing renders lock them in the same order.
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
        var seenTags: Set<String> = []
        for (ord, tag) in run.tags.enumerated() where seenTags.insert(tag).inserted {
            statements.append("INSERT INTO aim_spacy.tags (run, ord, tag) VALUES (\(run.hash), \(ord), \(tag))")
        }
        for (ord, series) in run.series.enumerated() {
            let points = ByteBuffer(bytes: PackedPoints.encode(series.points))
            statements.append("""
                INSERT INTO aim_spacy.series (run, ord, name, context, context_json, count, last, min, max, points)
                VALUES (\(run.hash), \(ord), \(series.name), \(series.contextText), \(RunCoding.context(series.context)),
                    \(series.points.count), \(series.last), \(series.min), \(series.max), \(points))
                """)
        }
        for (modelOrd, final) in run.finalScores.enumerated() {
            statements.append("INSERT INTO aim_spacy.final_models (run, ord, model) VALUES (\(run.hash), \(modelOrd), \(final.model))")
            for (ord, score) in final.scores.enumerated() {
                statements.append("""
                    INSERT INTO aim_spacy.final_scores (run, model_ord, ord, name, value)
                    VALUES (\(run.hash), \(modelOrd), \(ord), \(score.name), \(score.value))
                    """)
            }
            for (ord, table) in final.perLabel.enumerated() {
                statements.append("""
                    INSERT INTO aim_spacy.score_tables (run, model_ord, ord, name, rows_json)
                    VALUES (\(run.hash), \(modelOrd), \(ord), \(table.name), \(RunCoding.rows(table.rows)))
                    """)
            }
        }
        for (ord, component) in run.labels.enumerated() {
            statements.append("""
                INSERT INTO aim_spacy.labels (run, ord, component, labels_json)
                VALUES (\(run.hash), \(ord), \(component.component), \(RunCoding.strings(component.labels)))
                """)
        }
        for (ord, dataset) in run.datasets.enumerated() {
            statements.append("""
                INSERT INTO aim_spacy.datasets (run, ord, role, path, docs, tokens, sentences, entity_labels_json,
                    span_labels_json, cat_labels_json)
                VALUES (\(run.hash), \(ord), \(dataset.role), \(dataset.path), \(dataset.docs), \(dataset.tokens),
                    \(dataset.sentences), \(RunCoding.counts(dataset.entityLabels)), \(RunCoding.counts(dataset.spanLabels)),
                    \(RunCoding.counts(dataset.catLabels)))
                """)
        }
        var renders: [String: Render] = [:]
        for render in run.renders where renders[render.id] == nil && !storedRenders.contains(render.id) { renders[render.id] = render }
        for id in renders.keys.sorted() {
            let render = renders[id]!
            statements.append("""
                INSERT INTO aim_spacy.renders (id, style, markup) VALUES (\(render.id), \(render.style), \(render.markup))
                ON CONFLICT (id) DO NOTHING
                """)
        }
        for (ord, render) in run.renders.enumerated() {
            statements.append("INSERT INTO aim_spacy.run_renders (run, ord, render) VALUES (\(run.hash), \(ord), \(render.id))")
        }
        for (ord, visualisation) in run.visualisations.enumerated() {
            statements.append("""
                INSERT INTO aim_spacy.visualisations (run, ord, step, style)
                VALUES (\(run.hash), \(ord), \(visualisation.step), \(visualisation.style))
                """)
            for (doc, id) in visualisation.renderIDs.enumerated() {
                statements.append("""
                    INSERT INTO aim_spacy.visualisation_docs (run, visualisation, ord, render)
                    VALUES (\(run.hash), \(ord), \(doc), \(id))
                    """)
            }
        }
        for (ord, source) in run.sources.enumerated() {
            statements.append("""
                INSERT INTO aim_spacy.sources (run, ord, path, size, sha256, role)
                VALUES (\(run.hash), \(ord), \(source.path), \(source.size), \(source.sha256), \(source.role))
                """)
        }
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
