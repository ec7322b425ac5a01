import AimSpacyRepository
import PostgresNIO

/// The repository's tables in their own PostgreSQL schema `aim_spacy`, as versioned migrations: an
/// older schema is upgraded, a newer one refused. Migrations run under an advisory lock, so
/// machines using a new database at once migrate it exactly once.
enum PostgresSchema {
    /// The migrations in order; the last one is the schema this version writes.
    static let migrations: [(id: String, sql: String)] = [("v1", v1), ("v2", v2Predictions)]

    static var versions: [String] { migrations.map(\.id) }

    /// The advisory lock key of migrations (any constant shared by every aim-spacy).
    static let migrationLock: Int64 = 0x6169_6D5F_7370_6301

    /// The advisory lock key writers hold shared and `repo check` exclusively.
    static let writerLock: Int64 = 0x6169_6D5F_7370_6302

    /// The migrations applied, or `nil` when the database holds no aim-spacy repository.
    static func applied(_ calls: PostgresCalls) throws -> [String]? {
        let exists = try calls.row("SELECT to_regclass('aim_spacy.migrations') IS NOT NULL")
        guard try exists?[0].decode(Bool.self) == true else { return nil }
        return try calls.rows("SELECT id FROM aim_spacy.migrations ORDER BY position").map { try $0[0].decode(String.self) }
    }

    /// Brings the schema up to date (creating it when `create`), or refuses a newer one.
    static func migrate(_ session: PostgresSession, create: Bool) throws(RepositoryError) {
        let location = session.location.redacted
        func check(_ applied: [String]?) throws(RepositoryError) -> Bool {
            guard let applied else {
                guard create else {
                    throw RepositoryError("no aim-spacy repository at \(location) (import a training first, or pass --repo)")
                }
                return false
            }
            let unknown = applied.filter { !versions.contains($0) }
            if !unknown.isEmpty {
                throw RepositoryError(
                    "\(location): the repository was written by a newer aim-spacy (schema \(unknown.joined(separator: ", "))); this version knows up to \(versions.last ?? "")"
                )
            }
            return applied == versions
        }
        if try check(try session.reading { try applied($0) }) { return }
        try session.reading { calls in
            try calls.execute("SELECT pg_advisory_lock(\(migrationLock))")
            defer { _ = try? calls.execute("SELECT pg_advisory_unlock(\(migrationLock))") }
            // Another machine may have migrated while this one waited for the lock.
            if try check(try applied(calls)) { return }
            try calls.execute("BEGIN")
            do {
                try calls.execute("CREATE SCHEMA IF NOT EXISTS aim_spacy")
                try calls.execute("""
                    CREATE TABLE IF NOT EXISTS aim_spacy.migrations (
                        position integer PRIMARY KEY, id text NOT NULL UNIQUE, applied timestamptz NOT NULL DEFAULT now())
                    """)
                let done = try applied(calls) ?? []
                for (position, migration) in migrations.enumerated() where !done.contains(migration.id) {
                    try calls.script(migration.sql)
                    try calls.execute("INSERT INTO aim_spacy.migrations (position, id) VALUES (\(position), \(migration.id))")
                }
                try calls.execute("COMMIT")
            } catch {
                _ = try? calls.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// v1: runs and everything they hold, as in the SQLite repository; series points packed in one
    /// `bytea` each (`PackedPoints`); the object store as chunks of at most 1 MiB.
    private static let v1 = """
        CREATE TABLE aim_spacy.runs (
            hash text PRIMARY KEY,
            experiment text,
            name text NOT NULL,
            description text NOT NULL,
            created double precision NOT NULL,
            imported double precision NOT NULL,
            complete boolean NOT NULL,
            steps bigint NOT NULL,
            config_json text NOT NULL,
            config jsonb,
            config_text text NOT NULL,
            pipeline_json text NOT NULL,
            lang text NOT NULL,
            spacy_version text NOT NULL,
            settings_json text NOT NULL,
            evaluation_json text,
            evaluation jsonb,
            warnings_json text NOT NULL
        );
        CREATE INDEX runs_name ON aim_spacy.runs (name);
        CREATE INDEX runs_created ON aim_spacy.runs (created, hash);
        CREATE TABLE aim_spacy.tags (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            tag text NOT NULL,
            ord integer NOT NULL,
            PRIMARY KEY (run, tag)
        );
        CREATE TABLE aim_spacy.series (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            ord integer NOT NULL,
            name text NOT NULL,
            context text NOT NULL,
            context_json text NOT NULL,
            count integer NOT NULL,
            last double precision,
            min double precision,
            max double precision,
            points bytea NOT NULL,
            PRIMARY KEY (run, ord)
        );
        CREATE TABLE aim_spacy.final_models (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            ord integer NOT NULL,
            model text NOT NULL,
            PRIMARY KEY (run, ord)
        );
        CREATE TABLE aim_spacy.final_scores (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            model_ord integer NOT NULL,
            ord integer NOT NULL,
            name text NOT NULL,
            value double precision,
            PRIMARY KEY (run, model_ord, ord)
        );
        CREATE TABLE aim_spacy.score_tables (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            model_ord integer NOT NULL,
            ord integer NOT NULL,
            name text NOT NULL,
            rows_json text NOT NULL,
            PRIMARY KEY (run, model_ord, ord)
        );
        CREATE TABLE aim_spacy.labels (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            ord integer NOT NULL,
            component text NOT NULL,
            labels_json text NOT NULL,
            PRIMARY KEY (run, ord)
        );
        CREATE TABLE aim_spacy.datasets (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            ord integer NOT NULL,
            role text NOT NULL,
            path text NOT NULL,
            docs bigint NOT NULL,
            tokens bigint NOT NULL,
            sentences bigint NOT NULL,
            entity_labels_json text NOT NULL,
            span_labels_json text NOT NULL,
            cat_labels_json text NOT NULL,
            PRIMARY KEY (run, ord)
        );
        CREATE TABLE aim_spacy.renders (
            id text PRIMARY KEY,
            style text NOT NULL,
            markup text NOT NULL
        );
        CREATE TABLE aim_spacy.run_renders (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            ord integer NOT NULL,
            render text NOT NULL REFERENCES aim_spacy.renders (id),
            PRIMARY KEY (run, ord)
        );
        CREATE INDEX run_renders_render ON aim_spacy.run_renders (render);
        CREATE TABLE aim_spacy.visualisations (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            ord integer NOT NULL,
            step bigint,
            style text NOT NULL,
            PRIMARY KEY (run, ord)
        );
        CREATE TABLE aim_spacy.visualisation_docs (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            visualisation integer NOT NULL,
            ord integer NOT NULL,
            render text NOT NULL REFERENCES aim_spacy.renders (id),
            PRIMARY KEY (run, visualisation, ord)
        );
        CREATE INDEX visualisation_docs_render ON aim_spacy.visualisation_docs (render);
        CREATE TABLE aim_spacy.sources (
            run text NOT NULL REFERENCES aim_spacy.runs (hash) ON DELETE CASCADE,
            ord integer NOT NULL,
            path text NOT NULL,
            size bigint NOT NULL,
            sha256 text NOT NULL,
            role text NOT NULL,
            PRIMARY KEY (run, ord)
        );
        CREATE INDEX sources_sha256 ON aim_spacy.sources (sha256);
        CREATE TABLE aim_spacy.objects (
            sha256 text PRIMARY KEY,
            size bigint NOT NULL,
            chunks integer NOT NULL
        );
        CREATE TABLE aim_spacy.object_chunks (
            sha256 text NOT NULL REFERENCES aim_spacy.objects (sha256) ON DELETE CASCADE,
            ord integer NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY (sha256, ord)
        );
        ALTER TABLE aim_spacy.object_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
        """
}
