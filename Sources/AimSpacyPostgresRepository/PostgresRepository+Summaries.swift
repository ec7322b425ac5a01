import AimSpacyModel
import AimSpacyRepository
import Foundation
import PostgresNIO

extension PostgresRepository {
    public func summaries(including parts: SummaryParts = []) throws(RepositoryError) -> [RunSummary] {
        try session.reading { calls in try PostgresRepository.readSummaries(calls, parts: parts, extracts: []) }
    }

    /// The query's config and evaluation paths are read by the server from `jsonb` columns (the
    /// text is parsed only for trees `jsonb` cannot hold); the rest is evaluated over the summaries,
    /// as for SQLite, so both engines select the same runs.
    public func runs(matching query: RunQuery?) throws(RepositoryError) -> [RunSummary] {
        guard let query else { return try summaries() }
        let all = try session.reading { calls in
            try PostgresRepository.readSummaries(calls, parts: query.parts, extracts: query.extracts)
        }
        return all.filter { query.matches($0) }
    }

    /// Every part is asked for at once (the server answers the queries back to back while this
    /// thread waits once), unsorted: a sort by run on the server costs more than grouping here.
    private static func readSummaries(_ calls: PostgresCalls, parts: SummaryParts, extracts: [JSONExtract]) throws -> [RunSummary] {
        var query = PostgresQuery.StringInterpolation(literalCapacity: 512, interpolationCount: extracts.count)
        query.appendLiteral("SELECT hash, experiment, name, description, created, imported, complete, steps, lang, spacy_version, pipeline_json")
        query.appendLiteral(parts.contains(.hyperparameters) ? ", config_json" : ", NULL::text")
        query.appendLiteral(parts.contains(.evaluation) ? ", evaluation_json" : ", NULL::text")
        let trees = Set(extracts.map(\.tree))
        // Trees jsonb cannot hold are parsed here instead.
        query.appendLiteral(trees.contains(.config) && !parts.contains(.hyperparameters) ? ", CASE WHEN config IS NULL THEN config_json END" : ", NULL::text")
        query.appendLiteral(trees.contains(.evaluation) && !parts.contains(.evaluation) ? ", CASE WHEN evaluation IS NULL THEN evaluation_json END" : ", NULL::text")
        for extract in extracts {
            query.appendLiteral(extract.tree == .config ? ", (config #> " : ", (evaluation #> ")
            query.appendInterpolation(extract.path)
            query.appendLiteral(")::text")
        }
        query.appendLiteral(" FROM aim_spacy.runs")

        let runRows = try calls.request(PostgresQuery(stringInterpolation: query))
        let tagRows = try calls.request("SELECT run, ord, tag FROM aim_spacy.tags")
        let finalRows = parts.contains(.finalScores) ? try calls.request("""
            SELECT m.run, m.ord, m.model, s.ord, s.name, s.value FROM aim_spacy.final_models m
            LEFT JOIN aim_spacy.final_scores s ON s.run = m.run AND s.model_ord = m.ord
            """) : nil
        let seriesRows = parts.contains(.series)
            ? try calls.request("SELECT run, ord, name, context_json, count, last, min, max FROM aim_spacy.series") : nil
        let labelRows = parts.contains(.labels) ? try calls.request("SELECT run, ord, component, labels_json FROM aim_spacy.labels") : nil
        let datasetRows = parts.contains(.datasets)
            ? try calls.request("SELECT run, ord, role, path, docs, tokens, sentences FROM aim_spacy.datasets") : nil

        var tags: [String: [(Int, String)]] = [:]
        for row in try calls.rows(of: tagRows) {
            let (run, ord, tag) = try row.decode((String, Int, String).self)
            tags[run, default: []].append((ord, tag))
        }

        var finals: [String: [FinalScores]] = [:]
        if let finalRows {
            var rows: [String: [(model: Int, name: String, score: Int?, scoreName: String?, value: Double?)]] = [:]
            for row in try calls.rows(of: finalRows) {
                let (run, model, name, score, scoreName, value) = try row.decode((String, Int, String, Int?, String?, Double?).self)
                rows[run, default: []].append((model, name, score, scoreName, value))
            }
            for (run, list) in rows {
                var models: [FinalScores] = []
                var last: Int?
                for entry in list.sorted(by: { ($0.model, $0.score ?? -1) < ($1.model, $1.score ?? -1) }) {
                    if last != entry.model {
                        models.append(FinalScores(model: entry.name))
                        last = entry.model
                    }
                    if let scoreName = entry.scoreName {
                        models[models.count - 1].scores.append(NamedScore(name: scoreName, value: entry.value))
                    }
                }
                finals[run] = models
            }
        }

        var series: [String: [(Int, SeriesSummary)]] = [:]
        if let seriesRows {
            var contexts: [String: [ContextPair]] = [:]
            for row in try calls.rows(of: seriesRows) {
                let (run, ord, name, contextText, count, last, min, max) = try row.decode((String, Int, String, String, Int, Double?, Double?, Double?).self)
                let context: [ContextPair]
                if let known = contexts[contextText] {
                    context = known
                } else {
                    context = try RunCoding.context(from: contextText)
                    contexts[contextText] = context
                }
                series[run, default: []].append((ord, SeriesSummary(name: name, context: context, count: count, last: last, min: min, max: max)))
            }
        }

        var labels: [String: [(Int, ComponentLabels)]] = [:]
        if let labelRows {
            for row in try calls.rows(of: labelRows) {
                let (run, ord, component, text) = try row.decode((String, Int, String, String).self)
                labels[run, default: []].append((ord, ComponentLabels(component: component, labels: try RunCoding.strings(from: text, "labels"))))
            }
        }

        var datasets: [String: [(Int, DatasetStatistics)]] = [:]
        if let datasetRows {
            for row in try calls.rows(of: datasetRows) {
                let (run, ord, role, path, docs, tokens, sentences) = try row.decode((String, Int, String, String, Int, Int, Int).self)
                datasets[run, default: []].append((ord, DatasetStatistics(role: role, path: path, docs: docs, tokens: tokens, sentences: sentences)))
            }
        }

        func inOrder<T>(_ items: [(Int, T)]?) -> [T] {
            guard let items else { return [] }
            return items.count < 2 ? items.map(\.1) : items.sorted { $0.0 < $1.0 }.map(\.1)
        }

        var summaries: [(created: Double, hash: String, summary: RunSummary)] = []
        var pipelines = PipelineCache()
        for row in try calls.rows(of: runRows) {
            let cells = row.makeRandomAccess()
            let (hash, experiment, name, description, created, imported, complete, steps, lang, spacyVersion, pipelineText) =
                try row.decode((String, String?, String, String, Double, Double, Bool, Int, String, String, String).self)
            let pipeline = try pipelines.pipeline(pipelineText)
            var summary = RunSummary(
                hash: hash, experiment: experiment, name: name, tags: inOrder(tags[hash]), description: description,
                created: Date(timeIntervalSinceReferenceDate: created), imported: Date(timeIntervalSinceReferenceDate: imported),
                complete: complete, steps: steps, lang: lang, spacyVersion: spacyVersion, pipeline: pipeline,
                finalScores: finals[hash] ?? [], series: inOrder(series[hash])
            )
            summary.labels = inOrder(labels[hash])
            summary.datasets = inOrder(datasets[hash])
            if let text = try cells[11].decode(String?.self) ?? cells[13].decode(String?.self) {
                summary.hyperparameters = try RunCoding.parse(text, "config")
            }
            if let text = try cells[12].decode(String?.self) ?? cells[14].decode(String?.self) {
                summary.evaluation = try RunCoding.parse(text, "evaluation")
            }
            for (n, extract) in extracts.enumerated() {
                let parsed = extract.tree == .config ? try cells[13].decode(String?.self) : try cells[14].decode(String?.self)
                // A tree parsed here is read by the query itself; leave its paths unset.
                if parsed != nil { continue }
                if let text = try cells[15 + n].decode(String?.self) {
                    summary.extracted[extract] = try RunCoding.parse(text, "config")
                } else {
                    summary.extracted[extract] = .null
                }
            }
            summaries.append((created, hash, summary))
        }
        // Oldest creation first, then hash by bytes (as SQLite and `COLLATE "C"` order them).
        summaries.sort { $0.created != $1.created ? $0.created < $1.created : $0.hash.utf8.lexicographicallyPrecedes($1.hash.utf8) }
        return summaries.map(\.summary)
    }
}
