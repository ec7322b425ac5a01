import AimSpacyModel
import Foundation
import GRDB

/// The repository's schema, as versioned migrations. A repo made by an older aim-spacy is upgraded
/// when opened; one that has migrations this version does not know was made by a newer aim-spacy
/// and is refused.
package enum Schema {
    /// Migration identifiers in order; the last one is the schema this version writes.
    package static let versions = ["v1", "v2", "v3", "v4"]

    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createTables)
        migrator.registerMigration("v2", migrate: addSeriesSummaries)
        migrator.registerMigration("v3", migrate: packSeriesPoints)
        migrator.registerMigration("v4", migrate: addPredictions)
        return migrator
    }

    /// v1: runs and everything they hold. In WITHOUT ROWID tables the key columns come first:
    /// SQLite 3.40's `integrity_check` misreads NOT NULL columns declared before key columns.
    private static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE runs (
                hash TEXT PRIMARY KEY NOT NULL,
                experiment TEXT,
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                created REAL NOT NULL,
                imported REAL NOT NULL,
                complete INTEGER NOT NULL,
                steps INTEGER NOT NULL,
                config_json TEXT NOT NULL,
                config_text TEXT NOT NULL,
                pipeline_json TEXT NOT NULL,
                lang TEXT NOT NULL,
                spacy_version TEXT NOT NULL,
                settings_json TEXT NOT NULL,
                evaluation_json TEXT,
                warnings_json TEXT NOT NULL
            );
            CREATE INDEX runs_name ON runs(name);
            CREATE TABLE tags (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                tag TEXT NOT NULL,
                ord INTEGER NOT NULL,
                PRIMARY KEY (run, tag)
            ) WITHOUT ROWID;
            CREATE TABLE series (
                id INTEGER PRIMARY KEY,
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                name TEXT NOT NULL,
                context TEXT NOT NULL,
                context_json TEXT NOT NULL
            );
            CREATE INDEX series_run ON series(run, ord);
            CREATE TABLE points (
                series INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                step INTEGER NOT NULL,
                epoch INTEGER NOT NULL,
                value REAL,
                PRIMARY KEY (series, ord)
            ) WITHOUT ROWID;
            CREATE TABLE final_models (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                model TEXT NOT NULL,
                PRIMARY KEY (run, ord)
            ) WITHOUT ROWID;
            CREATE TABLE final_scores (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                model_ord INTEGER NOT NULL,
                ord INTEGER NOT NULL,
                name TEXT NOT NULL,
                value REAL,
                PRIMARY KEY (run, model_ord, ord)
            ) WITHOUT ROWID;
            CREATE TABLE score_tables (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                model_ord INTEGER NOT NULL,
                ord INTEGER NOT NULL,
                name TEXT NOT NULL,
                rows_json TEXT NOT NULL,
                PRIMARY KEY (run, model_ord, ord)
            ) WITHOUT ROWID;
            CREATE TABLE labels (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                component TEXT NOT NULL,
                labels_json TEXT NOT NULL,
                PRIMARY KEY (run, ord)
            ) WITHOUT ROWID;
            CREATE TABLE datasets (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                role TEXT NOT NULL,
                path TEXT NOT NULL,
                docs INTEGER NOT NULL,
                tokens INTEGER NOT NULL,
                sentences INTEGER NOT NULL,
                entity_labels_json TEXT NOT NULL,
                span_labels_json TEXT NOT NULL,
                cat_labels_json TEXT NOT NULL,
                PRIMARY KEY (run, ord)
            ) WITHOUT ROWID;
            CREATE TABLE renders (
                id TEXT PRIMARY KEY NOT NULL,
                style TEXT NOT NULL,
                markup TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE run_renders (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                render TEXT NOT NULL REFERENCES renders(id),
                PRIMARY KEY (run, ord)
            ) WITHOUT ROWID;
            CREATE INDEX run_renders_render ON run_renders(render);
            CREATE TABLE visualisations (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                step INTEGER,
                style TEXT NOT NULL,
                PRIMARY KEY (run, ord)
            ) WITHOUT ROWID;
            CREATE TABLE visualisation_docs (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                visualisation INTEGER NOT NULL,
                ord INTEGER NOT NULL,
                render TEXT NOT NULL REFERENCES renders(id),
                PRIMARY KEY (run, visualisation, ord)
            ) WITHOUT ROWID;
            CREATE TABLE sources (
                run TEXT NOT NULL REFERENCES runs(hash) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                path TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                role TEXT NOT NULL,
                PRIMARY KEY (run, ord)
            ) WITHOUT ROWID;
            CREATE INDEX sources_sha256 ON sources(sha256);
            """)
    }

    /// v2: each series keeps its point count, last, min and max, so queries never read points.
    private static func addSeriesSummaries(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE series ADD COLUMN count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE series ADD COLUMN last REAL;
            ALTER TABLE series ADD COLUMN min REAL;
            ALTER TABLE series ADD COLUMN max REAL;
            """)
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM series")
        for id in ids {
            let points = try Row.fetchAll(
                db, sql: "SELECT step, epoch, value FROM points WHERE series = ? ORDER BY ord", arguments: [id]
            ).map { MetricPoint(step: $0["step"], epoch: $0["epoch"], value: StoredDouble.decode($0["value"]) ?? .nan) }
            let summary = MetricSeries(name: "", points: points)
            try db.execute(
                sql: "UPDATE series SET count = ?, last = ?, min = ?, max = ? WHERE id = ?",
                arguments: [
                    points.count, StoredDouble.encode(summary.last), StoredDouble.encode(summary.min),
                    StoredDouble.encode(summary.max), id,
                ]
            )
        }
    }
}

extension Schema {
    /// v3: a series' points as one `PackedPoints` blob in `series.points` instead of a row per point
    /// (10 bytes a point instead of about 70); the `points` table and the never-read `series.context`
    /// text (the context is kept as `context_json`) are dropped.
    fileprivate static func packSeriesPoints(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE series ADD COLUMN points BLOB NOT NULL DEFAULT x''")
        let update = try db.makeStatement(sql: "UPDATE series SET points = ? WHERE id = ?")
        var current: Int64?
        var points: [MetricPoint] = []
        func flush() throws {
            guard let id = current else { return }
            try update.execute(arguments: [Data(PackedPoints.encode(points)), id])
            points.removeAll(keepingCapacity: true)
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT series, step, epoch, value FROM points ORDER BY series, ord")
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if id != current {
                try flush()
                current = id
            }
            points.append(MetricPoint(step: row[1], epoch: row[2], value: StoredDouble.decode(row[3]) ?? .nan))
        }
        try flush()
        // Series without points get the packed form of none, so every blob decodes.
        try db.execute(sql: "UPDATE series SET points = ? WHERE points = x''", arguments: [Data(PackedPoints.encode([]))])
        try db.execute(sql: """
            DROP TABLE points;
            ALTER TABLE series DROP COLUMN context;
            """)
    }
}

/// Doubles in SQLite: NaN would silently become NULL, so it is kept as the text `NaN`; NULL is `nil`.
package enum StoredDouble {
    package static func encode(_ value: Double?) -> DatabaseValue {
        guard let value else { return .null }
        if value.isNaN { return "NaN".databaseValue }
        return value.databaseValue
    }

    package static func decode(_ value: DatabaseValue) -> Double? {
        switch value.storage {
        case .null: return nil
        case .double(let d): return d
        case .int64(let i): return Double(i)
        case .string(let s): return s == "NaN" ? .nan : Double(s)
        case .blob: return nil
        }
    }
}
