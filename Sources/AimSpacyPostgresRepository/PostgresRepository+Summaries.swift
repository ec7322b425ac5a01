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

    private static func readSummaries(_ calls: PostgresCalls, parts: SummaryParts, extracts: [JSONExtract]) throws -> [RunSummary] {
        var tags: [String: [String]] = [:]
        for row in try calls.rows("SELECT run, tag FROM aim_spacy.tags ORDER BY run, ord") {
            tags[try row[0].decode(String.self), default: []].append(try row[1].decode(String.self))
        }

        var finals: [String: [FinalScores]] = [:]
        if parts.contains(.finalScores) {
            for row in try calls.rows("""
                SELECT m.run, m.model, s.name, s.value FROM aim_spacy.final_models m
                LEFT JOIN aim_spacy.final_scores s ON s.run = m.run AND s.model_ord = m.ord
                ORDER BY m.run, m.ord, s.ord
                """) {
                let run = try row[0].decode(String.self)
                let model = try row[1].decode(String.self)
                var list = finals.removeValue(forKey: run) ?? []
                if list.last?.model != model { list.append(FinalScores(model: model)) }
                if let name = try row[2].decode(String?.self) {
                    list[list.count - 1].scores.append(NamedScore(name: name, value: try row[3].decode(Double?.self)))
                }
                finals[run] = list
            }
        }

        var series: [String: [SeriesSummary]] = [:]
        if parts.contains(.series) {
            var contexts: [String: [ContextPair]] = [:]
            for row in try calls.rows("SELECT run, name, context_json, count, last, min, max FROM aim_spacy.series ORDER BY run, ord") {
                let contextText = try row[2].decode(String.self)
                let context: [ContextPair]
                if let known = contexts[contextText] {
                    context = known
                } else {
                    context = try RunCoding.context(from: contextText)
                    contexts[contextText] = context
                }
                series[try row[0].decode(String.self), default: []].append(
                    SeriesSummary(
                        name: try row[1].decode(String.self), context: context, count: try row[3].decode(Int.self),
                        last: try row[4].decode(Double?.self), min: try row[5].decode(Double?.self), max: try row[6].decode(Double?.self)
                    )
                )
            }
        }

        var labels: [String: [ComponentLabels]] = [:]
        if parts.contains(.labels) {
            for row in try calls.rows("SELECT run, component, labels_json FROM aim_spacy.labels ORDER BY run, ord") {
                labels[try row[0].decode(String.self), default: []].append(
                    ComponentLabels(component: try row[1].decode(String.self), labels: try RunCoding.strings(from: try row[2].decode(String.self), "labels"))
                )
            }
        }

        var datasets: [String: [DatasetStatistics]] = [:]
        if parts.contains(.datasets) {
            for row in try calls.rows("SELECT run, role, path, docs, tokens, sentences FROM aim_spacy.datasets ORDER BY run, ord") {
                datasets[try row[0].decode(String.self), default: []].append(
                    DatasetStatistics(
                        role: try row[1].decode(String.self), path: try row[2].decode(String.self), docs: try row[3].decode(Int.self),
                        tokens: try row[4].decode(Int.self), sentences: try row[5].decode(Int.self)
                    )
                )
            }
        }

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
        query.appendLiteral(" FROM aim_spacy.runs ORDER BY created, hash COLLATE \"C\"")

        var summaries: [RunSummary] = []
        var pipelines: [String: [String]] = [:]
        for row in try calls.rows(PostgresQuery(stringInterpolation: query)) {
            let hash = try row[0].decode(String.self)
            let pipelineText = try row[10].decode(String.self)
            let pipeline: [String]
            if let known = pipelines[pipelineText] {
                pipeline = known
            } else {
                pipeline = try RunCoding.strings(from: pipelineText, "pipeline")
                pipelines[pipelineText] = pipeline
            }
            var summary = RunSummary(
                hash: hash, experiment: try row[1].decode(String?.self), name: try row[2].decode(String.self), tags: tags[hash] ?? [],
                description: try row[3].decode(String.self),
                created: Date(timeIntervalSinceReferenceDate: try row[4].decode(Double.self)),
                imported: Date(timeIntervalSinceReferenceDate: try row[5].decode(Double.self)), complete: try row[6].decode(Bool.self),
                steps: try row[7].decode(Int.self), lang: try row[8].decode(String.self), spacyVersion: try row[9].decode(String.self),
                pipeline: pipeline, finalScores: finals[hash] ?? [], series: series[hash] ?? []
            )
            summary.labels = labels[hash] ?? []
            summary.datasets = datasets[hash] ?? []
            if let text = try row[11].decode(String?.self) ?? row[13].decode(String?.self) {
                summary.hyperparameters = try RunCoding.parse(text, "config")
            }
            if let text = try row[12].decode(String?.self) ?? row[14].decode(String?.self) {
                summary.evaluation = try RunCoding.parse(text, "evaluation")
            }
            for (n, extract) in extracts.enumerated() {
                let parsed = extract.tree == .config ? try row[13].decode(String?.self) : try row[14].decode(String?.self)
                // A tree parsed here is read by the query itself; leave its paths unset.
                if parsed != nil { continue }
                if let text = try row[15 + n].decode(String?.self) {
                    summary.extracted[extract] = try RunCoding.parse(text, "config")
                } else {
                    summary.extracted[extract] = .null
                }
            }
            summaries.append(summary)
        }
        return summaries
    }
}
