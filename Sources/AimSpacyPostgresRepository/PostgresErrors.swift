import AimSpacyRepository
import Foundation
import PostgresNIO

/// The one line a failure of the server or of the connection becomes: it names the server by its
/// redacted URL (host and port, never the password) and says what happened, not the stack of NIO
/// errors underneath.
enum PostgresErrors {
    /// The SQLSTATE of a server error.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func repositoryError(_ error: any Error, location: PostgresLocation, connecting: Bool = false) -> RepositoryError {
        if let error = error as? RepositoryError { return error }
        if let error = error as? SentEarlier { return repositoryError(error.underlying, location: location, connecting: connecting) }
        let server = "PostgreSQL server \(location.host):\(location.port)"
        if error is ConnectionLost {
            return RepositoryError("\(location.redacted): the connection to the \(server) was lost", repositoryLost: true)
        }
        guard let error = error as? PSQLError else {
            return RepositoryError("\(location.redacted): \(reason(error))")
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? "?"
            let message = error.serverInfo?[.message] ?? "error"
            if endsSession(state) {
                return RepositoryError("\(location.redacted): the connection to the \(server) was lost: \(message) (SQLSTATE \(state))", repositoryLost: true)
            }
            if connecting {
                return RepositoryError("\(location.redacted): the \(server) refused the connection: \(message) (SQLSTATE \(state))")
            }
            return RepositoryError("\(location.redacted): PostgreSQL error \(state): \(message)")
        case .connectionError:
            return RepositoryError("\(location.redacted): cannot connect to the \(server): \(error.underlying.map(reason) ?? "connection failed")")
        case .sslUnsupported:
            return RepositoryError("\(location.redacted): the \(server) does not offer TLS, which sslmode=\(location.sslMode.rawValue) requires")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return RepositoryError("\(location.redacted): TLS with the \(server) failed: \(error.underlying.map(reason) ?? "handshake failed")")
        case .authMechanismRequiresPassword:
            return RepositoryError("\(location.redacted): the \(server) asks for a password: put it in $PGPASSWORD or ~/.pgpass")
        case .unsupportedAuthMechanism, .saslError:
            return RepositoryError("\(location.redacted): authentication with the \(server) failed")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return RepositoryError("\(location.redacted): the connection to the \(server) was lost\(error.underlying.map { " (\(reason($0)))" } ?? "")", repositoryLost: true)
        default:
            return RepositoryError("\(location.redacted): \(error.code)\(error.underlying.map { ": \(reason($0))" } ?? "")")
        }
    }

    /// SQLSTATEs after which the server closes the connection (shutdown, administrator command,
    /// connection failure).
    static func endsSession(_ state: String) -> Bool {
        state.hasPrefix("57P") || state.hasPrefix("08")
    }

    /// The root cause in a few words: an errno's text, a timeout, a TLS failure.
    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return reason(first.error) }
            if let dns = error.dnsAAAAError ?? error.dnsAError { return "cannot resolve the host (\(dns))" }
            return "connection failed"
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return "timed out"
            case .ioOnClosedChannel, .alreadyClosed, .eof: return "connection closed"
            default: return "\(error)"
            }
        }
        if let error = error as? NIOSSLError { return "TLS: \(error)" }
        if let error = error as? BoringSSLError { return "TLS: \(error)" }
        return "\(error)"
    }
}
