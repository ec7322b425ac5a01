import AimSpacyRepository
import Foundation
import PostgresNIO
import Synchronization

/// One connection to the server, used by one caller at a time: every read or write is a call of
/// `reading` or `transaction`, which hold the connection for their whole body. The commands are
/// synchronous, so each query waits for its answer on the calling thread while the event loop does
/// the I/O. Statements whose answer is not needed at once are sent without waiting (`later`,
/// `PostgresCalls.send`); the connection runs them in order, and the next wait also waits for them
/// and throws the first failure, so a run's many statements cost the calling thread one wait.
final class PostgresSession: Sendable {
    let location: PostgresLocation
    private let connection: PostgresConnection
    private let logger: Logger
    private let turn = Mutex<PendingAnswers>(PendingAnswers())
    /// Set once the connection failed: no query is sent on it again (one sent on a closed
    /// connection may never be answered).
    private let lost = LostFlag()

    /// SQLSTATEs after which the transaction is tried again: serialization failures and deadlocks,
    /// and a shared render deleted (by `rm` elsewhere) after this transaction saw it.
    static let retryable: Set<String> = ["40001", "40P01", "23503"]

    /// How often a transaction is tried when the server asks for a retry.
    static let attempts = 50

    init(location: PostgresLocation) throws(RepositoryError) {
        self.location = location
        var logger = Logger(label: "aim-spacy.postgres")
        logger.logLevel = .critical
        self.logger = logger
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user,
            password: PostgresPassword.find(for: location), database: location.database,
            tls: try PostgresSession.tls(location)
        )
        configuration.options.connectTimeout = .seconds(15)
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw PostgresErrors.repositoryError(error, location: location, connecting: true)
        }
    }

    deinit {
        try? connection.close().wait()
    }

    private static func tls(_ location: PostgresLocation) throws(RepositoryError) -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA, .verifyFull:
            configuration.certificateVerification = location.sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            let fallback = home + "/.postgresql/root.crt"
            if let file = location.sslRootCertificate ?? (FileManager.default.fileExists(atPath: fallback) ? fallback : nil) {
                configuration.trustRoots = .file(file)
            }
        }
        do {
            let context = try NIOSSLContext(configuration: configuration)
            return location.sslMode == .allow || location.sslMode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw RepositoryError("\(location.redacted): cannot set up TLS: \(error)")
        }
    }

    /// Runs `body` with the connection, outside any explicit transaction.
    func reading<T>(_ body: (PostgresCalls) throws -> T) throws(RepositoryError) -> T {
        do {
            return try turn.withLock { pending in
                try body(PostgresCalls(connection: connection, logger: logger, lost: lost, pending: pending))
            }
        } catch {
            throw PostgresErrors.repositoryError(error, location: location)
        }
    }

    /// Sends a statement without waiting for its answer; a failure is thrown by the next call that
    /// waits (as a `RepositoryError`: never tried again as part of a later transaction).
    func later(_ query: PostgresQuery) throws(RepositoryError) {
        try reading { try $0.send(query, retryable: false) }
    }

    /// Waits for every statement sent so far.
    func settle() throws(RepositoryError) {
        try reading { try $0.settle() }
    }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws;
    /// tried again when PostgreSQL reports a serialization failure or a deadlock, so those never
    /// reach the user. `BEGIN` waits with the body's first query, and `COMMIT` with what the body
    /// sent without waiting.
    func transaction<T>(_ body: (PostgresCalls) throws -> T) throws(RepositoryError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try turn.withLock { pending in
                    let calls = PostgresCalls(connection: connection, logger: logger, lost: lost, pending: pending)
                    try calls.send("BEGIN")
                    do {
                        let result = try body(calls)
                        try calls.execute("COMMIT")
                        return result
                    } catch {
                        calls.drain()
                        if !lost.value.load(ordering: .acquiring) { _ = try? calls.execute("ROLLBACK") }
                        throw error
                    }
                }
            } catch {
                if attempt < PostgresSession.attempts, let state = PostgresErrors.sqlState(error), PostgresSession.retryable.contains(state) {
                    usleep(UInt32.random(in: 1_000...(20_000 * UInt32(min(attempt, 10)))))
                    continue
                }
                throw PostgresErrors.repositoryError(error, location: location)
            }
        }
    }
}

/// The connection failed earlier in this process.
struct ConnectionLost: Error {}

/// The failure of a statement sent outside the transaction whose wait found it: reported as it
/// is, never taken for a reason to try that transaction again.
struct SentEarlier: Error {
    let underlying: any Error
}

/// Whether a session's connection failed.
final class LostFlag: Sendable {
    let value = Atomic<Bool>(false)
}

/// The answers of statements sent without waiting, oldest first; `retryable` is false for those
/// sent outside the transaction that waits for them. Only touched while the session's turn is held.
final class PendingAnswers: @unchecked Sendable {
    var answers: [(future: EventLoopFuture<PostgresQueryResult>, retryable: Bool)] = []
}

/// The queries of one `reading` or `transaction` body.
struct PostgresCalls {
    let connection: PostgresConnection
    let logger: Logger
    let lost: LostFlag
    let pending: PendingAnswers

    /// Every row of a query's answer.
    func rows(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
        try answer(query).rows.map { $0.makeRandomAccess() }
    }

    /// The rows of a query's answer, to be decoded in column order (`row.decode((A, B).self)`).
    func plainRows(_ query: PostgresQuery) throws -> [PostgresRow] {
        try answer(query).rows
    }

    /// Waits for the answer (and for everything sent before it); a failure that is not the
    /// server's answer marks the connection lost.
    private func answer(_ query: PostgresQuery) throws -> PostgresQueryResult {
        let future = try start(query)
        try settle()
        return try wait(for: future)
    }

    /// Sends a statement without waiting for its answer: the next wait waits for it too and
    /// throws its failure.
    func send(_ query: PostgresQuery, retryable: Bool = true) throws {
        pending.answers.append((try start(query), retryable))
    }

    /// Sends a query now and gives the means to wait for its rows later: for reads whose answers
    /// are all needed, sent together so that the server runs them back to back.
    func request(_ query: PostgresQuery) throws -> EventLoopFuture<PostgresQueryResult> {
        try start(query)
    }

    /// Waits for a `request`'s rows (and everything sent before it).
    func rows(of future: EventLoopFuture<PostgresQueryResult>) throws -> [PostgresRow] {
        try settle()
        return try wait(for: future).rows
    }

    /// Waits for every statement sent without waiting; throws the first failure.
    func settle() throws {
        let answers = pending.answers
        pending.answers = []
        var failure: (any Error)?
        for answer in answers {
            do {
                _ = try wait(for: answer.future)
            } catch {
                if failure == nil {
                    failure = answer.retryable ? error : SentEarlier(underlying: error)
                }
            }
        }
        if let failure { throw failure }
    }

    /// Waits for every statement sent without waiting and forgets their failures (the transaction
    /// they belonged to is rolled back).
    func drain() {
        _ = try? settle()
    }

    private func start(_ query: PostgresQuery) throws -> EventLoopFuture<PostgresQueryResult> {
        if lost.value.load(ordering: .acquiring) || connection.isClosed {
            lost.value.store(true, ordering: .releasing)
            throw ConnectionLost()
        }
        return connection.query(query, logger: logger)
    }

    private func wait(for future: EventLoopFuture<PostgresQueryResult>) throws -> PostgresQueryResult {
        do {
            return try future.wait()
        } catch {
            let state = PostgresErrors.sqlState(error)
            if (error as? PSQLError)?.code != .server || state.map(PostgresErrors.endsSession) == true {
                lost.value.store(true, ordering: .releasing)
            }
            throw error
        }
    }

    /// The first row, if any.
    func row(_ query: PostgresQuery) throws -> PostgresRandomAccessRow? {
        try rows(query).first
    }

    /// Runs a statement and returns how many rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        try answer(query).metadata.rows ?? 0
    }

    /// Runs statements separated by `;` at line ends, one by one (no parameters, no `;` inside them).
    func script(_ sql: String) throws {
        for statement in sql.components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            try execute(PostgresQuery(unsafeSQL: statement))
        }
    }

    /// Sends statements one after the other without waiting for each answer (they run in order on
    /// the connection), then waits for all; throws the first failure.
    func pipeline(_ queries: [PostgresQuery]) throws {
        for query in queries { try send(query) }
        try settle()
    }
}
