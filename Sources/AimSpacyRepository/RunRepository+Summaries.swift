import AimSpacyModel
import Foundation
import GRDB

extension RunRepository {
    /// Every run's summary, oldest creation first, with the optional `parts` loaded.
    public func summaries(including parts: SummaryParts = []) throws(RepositoryError) -> [RunSummary] {
        try read { db in try RunRepository.readSummaries(db, parts: parts, extracts: []) }
    }

    /// The runs a query selects (all runs for `nil`), oldest creation first.
    public func runs(matching query: RunQuery?) throws(RepositoryError) -> [RunSummary] {
        guard let query else { return try summaries() }
        let all: [RunSummary]
        do {
            all = try read { db in try RunRepository.readSummaries(db, parts: query.parts, extracts: query.extracts) }
        } catch {
            // SQLite's JSON functions refuse trees holding NaN or Infinity: parse the trees instead.
            var parts = query.parts
            if query.extracts.contains(where: { $0.tree == .config }) { parts.insert(.hyperparameters) }
            if query.extracts.contains(where: { $0.tree == .evaluation }) { parts.insert(.evaluation) }
            all = try summaries(including: parts)
        }
        return all.filter { query.matches($0) }
    }

    private static func readSummaries(_ db: Database, parts: SummaryParts, extracts: [JSONExtract]) throws -> [RunSummary] {
        var tags: [String: [String]] = [:]
        let tagRows = try Row.fetchCursor(db, sql: "SELECT run, tag FROM tags ORDER BY run, ord")
        while let row = try tagRows.next() { tags[row[0], default: []].append(row[1]) }

        var finals: [String: [FinalScores]] = [:]
        if parts.contains(.finalScores) {
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT final_models.run, final_models.model, final_scores.name, final_scores.value
                    FROM final_models LEFT JOIN final_scores
                    ON final_scores.run = final_models.run AND final_scores.model_ord = final_models.ord
                    ORDER BY final_models.run, final_models.ord, final_scores.ord
                    """
            )
            while let row = try rows.next() {
                let run: String = row[0]
                let model: String = row[1]
                var list = finals.removeValue(forKey: run) ?? []
                if list.last?.model != model { list.append(FinalScores(model: model)) }
                if let name: String = row[2] {
                    list[list.count - 1].scores.append(NamedScore(name: name, value: StoredDouble.decode(row[3])))
                }
                finals[run] = list
            }
        }

        var series: [String: [SeriesSummary]] = [:]
        if parts.contains(.series) {
            let rows = try Row.fetchCursor(
                db, sql: "SELECT run, name, context_json, count, last, min, max FROM series ORDER BY run, ord"
            )
            var contexts: [String: [ContextPair]] = [:]
            while let row = try rows.next() {
                let contextText: String = row[2]
                let context: [ContextPair]
                if let known = contexts[contextText] {
                    context = known
                } else {
                    context = try RunCoding.context(from: contextText)
                    contexts[contextText] = context
                }
                series[row[0], default: []].append(
                    SeriesSummary(
                        name: row[1], context: context, count: row[3],
                        last: StoredDouble.decode(row[4]), min: StoredDouble.decode(row[5]), max: StoredDouble.decode(row[6])
                    )
                )
            }
        }

        var labels: [String: [ComponentLabels]] = [:]
        if parts.contains(.labels) {
            let rows = try Row.fetchCursor(db, sql: "SELECT run, component, labels_json FROM labels ORDER BY run, ord")
            while let row = try rows.next() {
                labels[row[0], default: []].append(
                    ComponentLabels(component: row[1], labels: try RunCoding.strings(from: row[2], "labels"))
                )
            }
        }

        var datasets: [String: [DatasetStatistics]] = [:]
        if parts.contains(.datasets) {
            let rows = try Row.fetchCursor(db, sql: "SELECT run, role, path, docs, tokens, sentences FROM datasets ORDER BY run, ord")
            while let row = try rows.next() {
                datasets[row[0], default: []].append(
                    DatasetStatistics(role: row[1], path: row[2], docs: row[3], tokens: row[4], sentences: row[5])
                )
            }
        }

        var columns = "hash, experiment, name, description, created, imported, complete, steps, lang, spacy_version, pipeline_json"
        if parts.contains(.hyperparameters) { columns += ", config_json" }
        if parts.contains(.evaluation) { columns += ", evaluation_json" }
        var arguments = StatementArguments()
        for (n, extract) in extracts.enumerated() {
            columns += ", json_type(\(extract.column), ?) AS t\(n), json_extract(\(extract.column), ?) AS v\(n)"
            _ = arguments.append(contentsOf: [extract.sqlPath, extract.sqlPath])
        }
        var summaries: [RunSummary] = []
        var pipelines = PipelineCache()
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM runs ORDER BY created, hash", arguments: arguments)
        while let row = try rows.next() {
            let hash: String = row[0]
            let pipelineText: String = row[10]
            let pipeline = try pipelines.pipeline(pipelineText)
            var summary = RunSummary(
                hash: hash, experiment: row[1], name: row[2], tags: tags[hash] ?? [],
                description: row[3], created: Date(timeIntervalSinceReferenceDate: row[4]),
                imported: Date(timeIntervalSinceReferenceDate: row[5]), complete: row[6],
                steps: row[7], lang: row[8], spacyVersion: row[9], pipeline: pipeline,
                finalScores: finals[hash] ?? [], series: series[hash] ?? []
            )
            summary.labels = labels[hash] ?? []
            summary.datasets = datasets[hash] ?? []
            if parts.contains(.hyperparameters) { summary.hyperparameters = try RunCoding.parse(row["config_json"], "config") }
            if parts.contains(.evaluation), let text: String = row["evaluation_json"] {
                summary.evaluation = try RunCoding.parse(text, "evaluation")
            }
            for (n, extract) in extracts.enumerated() {
                summary.extracted[extract] = try extractedValue(type: row["t\(n)"], value: row["v\(n)"])
            }
            summaries.append(summary)
        }
        return summaries
    }

    /// A value from `json_type` and `json_extract`.
    private static func extractedValue(type: String?, value: DatabaseValue) throws -> JSONValue {
        switch type {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "integer": return Int64.fromDatabaseValue(value).map { .int(Int($0)) } ?? .null
        case "real": return Double.fromDatabaseValue(value).map(JSONValue.double) ?? .null
        case "text": return String.fromDatabaseValue(value).map(JSONValue.string) ?? .null
        case "array", "object":
            guard let text = String.fromDatabaseValue(value) else { return .null }
            return try RunCoding.parse(text, "config")
        default: return .null
        }
    }
}
