import AimSpacyPostgresRepository
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Synchronization

/// An empty repository of one backend for one test: a folder, or a database of its own on the test
/// server. `make` gives `nil` when PostgreSQL is not available outside CI (under `CI=true` that is
/// a failure).
public struct TestRepository: Sendable {
    public let backend: Backend
    /// The `--repo` value.
    public let repo: String
    /// A scratch folder for the test's other files.
    public let scratch: URL
    private let database: String?
    /// Removed with the repository: the scratch folder when `make` created it, else the SQLite folder.
    private let folder: URL

    /// A repository in a scratch folder of its own, removed by `remove()`.
    public static func make(_ backend: Backend) throws -> TestRepository? {
        let scratch = try TemporaryDirectory().url
        guard let repository = try make(backend, in: scratch, removing: scratch) else {
            try? FileManager.default.removeItem(at: scratch)
            return nil
        }
        return repository
    }

    /// A repository for a test that keeps its files in `scratch`; a SQLite repository is the
    /// folder `scratch/name`, and `remove()` removes only that folder (and the database).
    public static func make(_ backend: Backend, in scratch: URL, name: String = "repo") throws -> TestRepository? {
        try make(backend, in: scratch, name: name, removing: scratch.appendingPathComponent(name))
    }

    private static func make(_ backend: Backend, in scratch: URL, name: String = "repo", removing folder: URL) throws -> TestRepository? {
        switch backend {
        case .sqlite:
            return TestRepository(backend: backend, repo: scratch.appendingPathComponent(name).path, scratch: scratch, database: nil, folder: folder)
        case .postgres:
            guard let server = try PostgresTestServer.available() else { return nil }
            let database = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try server.psql("CREATE DATABASE \(database)")
            return TestRepository(backend: backend, repo: server.url(database: database), scratch: scratch, database: database, folder: folder)
        }
    }

    /// The repository, created (and migrated) on first use unless `create` is false.
    public func open(create: Bool = true) throws -> any RunStore {
        switch backend {
        case .sqlite: try RunRepository(directory: URL(fileURLWithPath: repo), create: create)
        case .postgres: try PostgresRepository(url: repo, create: create)
        }
    }

    /// How many runs the repository holds.
    public func runCount() throws -> Int {
        switch backend {
        case .sqlite: try RunRepository(directory: URL(fileURLWithPath: repo), create: false).runCount()
        case .postgres: try PostgresRepository(url: repo, create: false).runCount()
        }
    }

    /// How many distinct renders the repository holds.
    public func renderCount() throws -> Int {
        switch backend {
        case .sqlite: try RunRepository(directory: URL(fileURLWithPath: repo), create: false).renderCount()
        case .postgres: try PostgresRepository(url: repo, create: false).renderCount()
        }
    }

    /// Deletes a stored object behind the repository's back, as a lost file or a hand-made
    /// `DELETE` would.
    public func loseObject(_ sha256: String) throws {
        switch backend {
        case .sqlite: try RunRepository(directory: URL(fileURLWithPath: repo), create: false).objects.remove(sha256)
        case .postgres: try psql("DELETE FROM aim_spacy.objects WHERE sha256 = '\(sha256)'")
        }
    }

    /// Runs SQL in this PostgreSQL repository's database (to damage it on purpose).
    public func psql(_ sql: String) throws {
        guard let database, let server = try PostgresTestServer.available() else {
            throw PostgresTestServer.Unavailable(description: "\(repo) is not a PostgreSQL repository")
        }
        let result = try Shell.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", server.url(database: database), "-c", sql])
        if result.status != 0 { throw PostgresTestServer.Unavailable(description: "psql \(sql): \(result.stderr)") }
    }

    /// What `repo check` prints as the repository's place: the folder, or the URL without its password.
    public var printedLocation: String {
        switch backend {
        case .sqlite: URL(fileURLWithPath: repo).standardizedFileURL.path
        case .postgres: (try? PostgresLocation(repo).redacted) ?? repo
        }
    }

    /// Removes the repository when the test process exits: for one that several tests share.
    public func removeAtExit() {
        LeftAtExit.add(self)
    }

    /// Removes the repository (its folder or its database) and the files `make` made for it.
    public func remove() {
        try? FileManager.default.removeItem(at: folder)
        if let database, let server = try? PostgresTestServer.available() {
            try? server.psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        }
    }
}

/// The repositories removed when the process exits; registered after the test server's own exit
/// handler, so they go before the server stops.
private enum LeftAtExit {
    static let repositories = Mutex<[TestRepository]>([])
    static let registered: Bool = {
        atexit {
            for repository in LeftAtExit.repositories.withLock({ $0 }) { repository.remove() }
        }
        return true
    }()

    static func add(_ repository: TestRepository) {
        _ = registered
        repositories.withLock { $0.append(repository) }
    }
}
