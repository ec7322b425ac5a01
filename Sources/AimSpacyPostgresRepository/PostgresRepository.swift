import AimSpacyModel
import AimSpacyRepository
import Foundation
import PostgresNIO

/// A run repository on a PostgreSQL server, for a team: the same runs, queries and objects as the
/// SQLite repository, in the database's schema `aim_spacy`, so that several machines import into
/// one place and share nothing but the server.
///
/// Each run is written in one transaction (tried again when the server reports a serialization
/// failure or a deadlock); objects are stored before the run that refers to them, each in its own
/// transaction, so a crash leaves at most orphan objects, which `check(fix:)` removes. Writers hold
/// an advisory lock shared and `check` holds it exclusively (see `whileWriting`).
public final class PostgresRepository: RunStore {
    /// The server and database, as given.
    public let url: PostgresLocation
    let session: PostgresSession

    public var location: String { url.redacted }

    /// Connects and upgrades an older schema; throws when the database holds no repository (and
    /// `create` is false), when it was made by a newer aim-spacy, or when the server is not there.
    public init(url text: String, create: Bool = true) throws(RepositoryError) {
        url = try PostgresLocation(text)
        session = try PostgresSession(location: url)
        try PostgresSchema.migrate(session, create: create)
    }

    /// The schema migrations applied, in order.
    public func schemaVersions() throws(RepositoryError) -> [String] {
        try session.reading { try PostgresSchema.applied($0) ?? [] }
    }

    /// The lock is taken and let go by statements sent without waiting: they run in order with
    /// the body's, which wait for them.
    public func whileWriting<T>(_ body: () throws(RepositoryError) -> T) throws(RepositoryError) -> T {
        try session.later("SELECT pg_advisory_lock_shared(\(PostgresSchema.writerLock))")
        defer { try? session.later("SELECT pg_advisory_unlock_shared(\(PostgresSchema.writerLock))") }
        let result = try body()
        try session.settle()
        return result
    }

    public func contains(hash: String) throws(RepositoryError) -> Bool {
        try session.reading { try $0.row("SELECT 1 FROM aim_spacy.runs WHERE hash = \(hash)") != nil }
    }

    public func hashes() throws(RepositoryError) -> [String] {
        try session.reading { calls in
            try calls.rows("SELECT hash FROM aim_spacy.runs ORDER BY created, hash COLLATE \"C\"").map { try $0[0].decode(String.self) }
        }
    }

    public func hashes(named name: String, experiment: String?) throws(RepositoryError) -> [String] {
        try session.reading { calls in
            try calls.rows("""
                SELECT hash FROM aim_spacy.runs WHERE name = \(name) AND experiment IS NOT DISTINCT FROM \(experiment)
                ORDER BY created, hash COLLATE "C"
                """).map { try $0[0].decode(String.self) }
        }
    }

    /// How many runs the repository holds.
    public func runCount() throws(RepositoryError) -> Int {
        try session.reading { try $0.row("SELECT count(*) FROM aim_spacy.runs")?[0].decode(Int.self) ?? 0 }
    }

    /// How many distinct displaCy renders are stored (each once, whatever the number of runs showing it).
    public func renderCount() throws(RepositoryError) -> Int {
        try session.reading { try $0.row("SELECT count(*) FROM aim_spacy.renders")?[0].decode(Int.self) ?? 0 }
    }
}
