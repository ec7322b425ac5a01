import AimSpacyRepository
import Foundation
import PostgresNIO
import Synchronization

/// One connection to the server, used by one caller at a time: every read or write is a call of
/// `reading` or `transaction`, which hold the connection for their whole body. The commands are
/// synchronous, so each query waits for its answer on the calling thread while the event loop does
/// the I/O.
final class PostgresSession: Sendable {
    let location: PostgresLocation
    private let connection: PostgresConnection
    private let logger: Logger
    private let turn = Mutex<Void>(())

    /// SQLSTATEs after which PostgreSQL asks for the transaction to be tried again.
    static let retryable: Set<String> = ["40001", "40P01"]

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
        let calls = PostgresCalls(connection: connection, logger: logger)
        do {
            return try turn.withLock { _ in try body(calls) }
        } catch {
            throw PostgresErrors.repositoryError(error, location: location)
        }
    }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws;
    /// tried again when PostgreSQL reports a serialization failure or a deadlock, so those never
    /// reach the user.
    func transaction<T>(_ body: (PostgresCalls) throws -> T) throws(RepositoryError) -> T {
        let calls = PostgresCalls(connection: connection, logger: logger)
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try turn.withLock { _ in
                    try calls.execute("BEGIN")
                    do {
                        let result = try body(calls)
                        try calls.execute("COMMIT")
                        return result
                    } catch {
                        _ = try? calls.execute("ROLLBACK")
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

/// The queries of one `reading` or `transaction` body.
struct PostgresCalls {
    let connection: PostgresConnection
    let logger: Logger

    /// Every row of a query's answer.
    func rows(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
        try connection.query(query, logger: logger).wait().rows.map { $0.makeRandomAccess() }
    }

    /// The first row, if any.
    func row(_ query: PostgresQuery) throws -> PostgresRandomAccessRow? {
        try rows(query).first
    }

    /// Runs a statement and returns how many rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        try connection.query(query, logger: logger).wait().metadata.rows ?? 0
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
        guard !queries.isEmpty else { return }
        let futures = queries.map { connection.query($0, logger: logger) }
        var failure: (any Error)?
        for future in futures {
            do {
                _ = try future.wait()
            } catch {
                if failure == nil { failure = error }
            }
        }
        if let failure { throw failure }
    }
}
