import Foundation
import GRDB

/// A run repository: a directory with one SQLite database (`runs.sqlite`, WAL mode) and the
/// content-addressed `objects/` store. Safe to use from several threads and processes at once:
/// writes are IMMEDIATE transactions that wait (busy timeout) instead of failing on a locked database.
///
/// An import writes a run this way:
/// 1. `RunRepository(directory: RunRepository.location(explicit: flag, configured: aimLoggerRepo))`;
/// 2. in `whileWriting { ... }` (the writer lock `check` waits for): `storeObject(contentsOf:knownSHA256:)`
///    for every source file, then `insert(run, replace: flag, replacing: hashes(named:experiment:))`, one
///    transaction, which says `.unchanged` for a run already stored.
/// A crash between storing and inserting leaves only orphan objects, which `check(fix:)` reports and removes.
public final class RunRepository: Sendable {
    /// The repository directory.
    public let directory: URL
    /// The store of source files.
    public let objects: ObjectStore
    let pool: DatabasePool

    /// The database's file name inside the repository directory.
    public static let databaseName = "runs.sqlite"

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 600

    /// The directory to use: `--repo` when given, else the `repo` setting of the training's
    /// `spacy.AimLogger.v1`, else `$AIM_SPACY_REPO`, else `./.aim-spacy`. Relative paths are resolved
    /// against `currentDirectory`.
    public static func location(
        explicit: String? = nil, configured: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    ) -> URL {
        let chosen = [explicit, configured, environment["AIM_SPACY_REPO"]]
            .compactMap { $0 }
            .first { !$0.isEmpty } ?? ".aim-spacy"
        if chosen.hasPrefix("/") { return URL(fileURLWithPath: chosen, isDirectory: true).standardizedFileURL }
        return currentDirectory.appendingPathComponent(chosen, isDirectory: true).standardizedFileURL
    }

    /// Opens the repository at `directory`, creating it when `create` is true and upgrading an
    /// older schema. Throws when there is no repository (and `create` is false) or when it was
    /// made by a newer aim-spacy.
    public init(directory: URL, create: Bool = true) throws(RepositoryError) {
        self.directory = directory
        objects = ObjectStore(root: directory.appendingPathComponent("objects", isDirectory: true))
        let manager = FileManager.default
        let databaseURL = directory.appendingPathComponent(RunRepository.databaseName)
        if !manager.fileExists(atPath: databaseURL.path) {
            guard create else {
                throw RepositoryError("no aim-spacy repository at \(directory.path) (import a training first, or pass --repo)")
            }
            do {
                try manager.createDirectory(at: objects.root, withIntermediateDirectories: true)
            } catch {
                throw RepositoryError("cannot create repository \(directory.path): \(error.localizedDescription)")
            }
        }
        let lock = try FileLock(path: directory.appendingPathComponent("lock").path)
        defer { lock.unlock() }
        var configuration = Configuration()
        configuration.busyMode = .timeout(RunRepository.busyTimeout)
        configuration.label = "aim-spacy"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: databaseURL.path, configuration: configuration)
        } catch {
            throw RepositoryError("\(databaseURL.path): cannot open: \(RunRepository.describe(error))")
        }
        let migrator = Schema.migrator
        do {
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(Schema.versions).sorted()
            if !unknown.isEmpty {
                throw RepositoryError(
                    "\(databaseURL.path): the repository was written by a newer aim-spacy (schema \(unknown.joined(separator: ", ")); this version knows up to \(Schema.versions.last ?? "")"
                )
            }
            try migrator.migrate(pool)
        } catch let error as RepositoryError {
            throw error
        } catch {
            throw RepositoryError("\(databaseURL.path): cannot migrate the schema: \(RunRepository.describe(error))")
        }
    }

    /// The schema migrations applied to the database, in order.
    public func schemaVersions() throws(RepositoryError) -> [String] {
        try read { db in try Schema.migrator.appliedMigrations(db) }
    }

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(RepositoryError) -> T {
        do {
            return try pool.read(body)
        } catch let error as RepositoryError {
            throw error
        } catch {
            throw RepositoryError("\(directory.path): \(RunRepository.describe(error))")
        }
    }

    /// Runs `body` in one IMMEDIATE transaction: it takes the write lock up front (waiting for other
    /// writers), so it never fails half-way with "database is locked".
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(RepositoryError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw RepositoryError("transaction produced no result") }
                return result
            }
        } catch let error as RepositoryError {
            throw error
        } catch {
            throw RepositoryError("\(directory.path): \(RunRepository.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error.resultCode)")"
        }
        return "\(error)"
    }
}
