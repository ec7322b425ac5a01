import AimSpacyModel
import AimSpacyRepository
import Foundation
import PostgresNIO

extension PostgresRepository {
    public func resolve(_ reference: String) throws(RepositoryError) -> String {
        let matches = try session.reading { calls -> [(hash: String, name: String)] in
            func pairs(_ rows: [PostgresRandomAccessRow]) throws -> [(hash: String, name: String)] {
                try rows.map { (try $0[0].decode(String.self), try $0[1].decode(String.self)) }
            }
            let exact = try pairs(try calls.rows("SELECT hash, name FROM aim_spacy.runs WHERE hash = \(reference)"))
            if !exact.isEmpty { return exact }
            // As SQLite's LIKE: ASCII letters match either case.
            let escaped = reference.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            let byPrefix = try pairs(try calls.rows("""
                SELECT hash, name FROM aim_spacy.runs WHERE lower(hash) LIKE lower(\(escaped + "%")) ESCAPE '\\'
                ORDER BY hash COLLATE "C"
                """))
            if !byPrefix.isEmpty || reference.isEmpty { return byPrefix }
            return try pairs(try calls.rows("SELECT hash, name FROM aim_spacy.runs WHERE name = \(reference) ORDER BY hash COLLATE \"C\""))
        }
        return try RunResolution.pick(reference, matches)
    }

    public func run(hash: String) throws(RepositoryError) -> Run? {
        try session.reading { calls in try PostgresRepository.readRun(hash, calls) }
    }

    public func series(ofRun hash: String) throws(RepositoryError) -> [MetricSeries] {
        try session.reading { calls in try PostgresRepository.readSeries(hash, calls) }
    }

    private static func readRun(_ hash: String, _ calls: PostgresCalls) throws -> Run? {
        guard let row = try calls.row("""
            SELECT hash, experiment, name, description, created, imported, complete, config_json, config_text,
                pipeline_json, lang, spacy_version, settings_json, evaluation_json, warnings_json
            FROM aim_spacy.runs WHERE hash = \(hash)
            """)
        else { return nil }
        let evaluationText = try row[13].decode(String?.self)
        var run = Run(
            hash: try row[0].decode(String.self), experiment: try row[1].decode(String?.self), name: try row[2].decode(String.self),
            tags: try calls.rows("SELECT tag FROM aim_spacy.tags WHERE run = \(hash) ORDER BY ord").map { try $0[0].decode(String.self) },
            description: try row[3].decode(String.self),
            created: Date(timeIntervalSinceReferenceDate: try row[4].decode(Double.self)),
            imported: Date(timeIntervalSinceReferenceDate: try row[5].decode(Double.self)),
            complete: try row[6].decode(Bool.self),
            hyperparameters: try RunCoding.parse(try row[7].decode(String.self), "config"),
            configText: try row[8].decode(String.self),
            pipeline: try RunCoding.strings(from: try row[9].decode(String.self), "pipeline"),
            lang: try row[10].decode(String.self), spacyVersion: try row[11].decode(String.self),
            settings: try RunCoding.settings(from: try row[12].decode(String.self)),
            evaluation: try evaluationText.map { text throws(RepositoryError) in try RunCoding.parse(text, "evaluation") },
            warnings: try RunCoding.strings(from: try row[14].decode(String.self), "warnings")
        )
        run.series = try readSeries(hash, calls)
        run.finalScores = try readFinalScores(hash, calls)
        run.labels = try calls.rows("SELECT component, labels_json FROM aim_spacy.labels WHERE run = \(hash) ORDER BY ord").map { row in
            ComponentLabels(component: try row[0].decode(String.self), labels: try RunCoding.strings(from: try row[1].decode(String.self), "labels"))
        }
        run.datasets = try calls.rows("""
            SELECT role, path, docs, tokens, sentences, entity_labels_json, span_labels_json, cat_labels_json
            FROM aim_spacy.datasets WHERE run = \(hash) ORDER BY ord
            """).map { row in
            DatasetStatistics(
                role: try row[0].decode(String.self), path: try row[1].decode(String.self), docs: try row[2].decode(Int.self),
                tokens: try row[3].decode(Int.self), sentences: try row[4].decode(Int.self),
                entityLabels: try RunCoding.counts(from: try row[5].decode(String.self)),
                spanLabels: try RunCoding.counts(from: try row[6].decode(String.self)),
                catLabels: try RunCoding.counts(from: try row[7].decode(String.self))
            )
        }
        run.renders = try calls.rows("""
            SELECT r.id, r.style, r.markup FROM aim_spacy.run_renders rr JOIN aim_spacy.renders r ON r.id = rr.render
            WHERE rr.run = \(hash) ORDER BY rr.ord
            """).map { Render(id: try $0[0].decode(String.self), style: try $0[1].decode(String.self), markup: try $0[2].decode(String.self)) }
        var docs: [Int: [String]] = [:]
        for row in try calls.rows("SELECT visualisation, render FROM aim_spacy.visualisation_docs WHERE run = \(hash) ORDER BY visualisation, ord") {
            docs[try row[0].decode(Int.self), default: []].append(try row[1].decode(String.self))
        }
        run.visualisations = try calls.rows("SELECT ord, step, style FROM aim_spacy.visualisations WHERE run = \(hash) ORDER BY ord").map { row in
            Visualisation(step: try row[1].decode(Int?.self), style: try row[2].decode(String.self), renderIDs: docs[try row[0].decode(Int.self)] ?? [])
        }
        run.sources = try calls.rows("SELECT path, size, sha256, role FROM aim_spacy.sources WHERE run = \(hash) ORDER BY ord").map { row in
            SourceFile(path: try row[0].decode(String.self), size: try row[1].decode(Int.self), sha256: try row[2].decode(String.self), role: try row[3].decode(String.self))
        }
        run.predictions = try readPredictionRows(hash, calls).map(\.set)
        return run
    }

    static func readSeries(_ hash: String, _ calls: PostgresCalls) throws -> [MetricSeries] {
        try calls.rows("SELECT name, context_json, points FROM aim_spacy.series WHERE run = \(hash) ORDER BY ord").map { row in
            let packed = try row[2].decode(ByteBuffer.self)
            let points: [MetricPoint]
            do {
                points = try packed.readableBytesView.withContiguousStorageIfAvailable { try PackedPoints.decode($0) }
                    ?? PackedPoints.decode(Array(packed.readableBytesView))
            } catch {
                throw RepositoryError("run \(hash): stored series \(try row[0].decode(String.self)): \(error)")
            }
            var series = MetricSeries(name: try row[0].decode(String.self), points: points)
            series.context = try RunCoding.context(from: try row[1].decode(String.self))
            return series
        }
    }

    private static func readFinalScores(_ hash: String, _ calls: PostgresCalls) throws -> [FinalScores] {
        var finals = try calls.rows("SELECT model FROM aim_spacy.final_models WHERE run = \(hash) ORDER BY ord").map {
            FinalScores(model: try $0[0].decode(String.self))
        }
        for row in try calls.rows("SELECT model_ord, name, value FROM aim_spacy.final_scores WHERE run = \(hash) ORDER BY model_ord, ord") {
            let index = try row[0].decode(Int.self)
            guard finals.indices.contains(index) else { continue }
            finals[index].scores.append(NamedScore(name: try row[1].decode(String.self), value: try row[2].decode(Double?.self)))
        }
        for row in try calls.rows("SELECT model_ord, name, rows_json FROM aim_spacy.score_tables WHERE run = \(hash) ORDER BY model_ord, ord") {
            let index = try row[0].decode(Int.self)
            guard finals.indices.contains(index) else { continue }
            finals[index].perLabel.append(ScoreTable(name: try row[1].decode(String.self), rows: try RunCoding.rows(from: try row[2].decode(String.self))))
        }
        return finals
    }
}
