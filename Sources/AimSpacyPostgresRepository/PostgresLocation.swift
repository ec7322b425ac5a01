import AimSpacyRepository
import Foundation

/// A `--repo postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=…]` value, read as libpq reads a
/// connection URI (percent-escapes decoded, `[::1]` hosts, `postgres://` too). Its `redacted` form,
/// the only one ever printed, has no password.
public struct PostgresLocation: Sendable, Equatable {
    /// libpq's `sslmode` values.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    /// The password written in the URL, if any.
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// `sslrootcert`: the CA certificates `verify-ca`/`verify-full` trust instead of the system's.
    public var sslRootCertificate: String?

    /// Whether a `--repo` value names a PostgreSQL repository rather than a folder.
    public static func isPostgres(_ value: String) -> Bool {
        value.hasPrefix("postgresql://") || value.hasPrefix("postgres://")
    }

    /// Parses the URL; defaults as libpq's: user `$PGUSER` or the login name, host `localhost`,
    /// port 5432, database the user's name, `sslmode=prefer`.
    public init(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(RepositoryError) {
        guard let schemeEnd = url.range(of: "://"), PostgresLocation.isPostgres(url) else {
            throw RepositoryError("not a PostgreSQL URL (expected postgresql://USER@HOST[:PORT]/DB)")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[rest.index(after: slash)...])
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        user = environment["PGUSER"] ?? ProcessInfo.processInfo.userName
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try PostgresLocation.decode(userInfo[..<colon], "user")
                password = try PostgresLocation.decode(userInfo[userInfo.index(after: colon)...], "password")
            } else if !userInfo.isEmpty {
                user = try PostgresLocation.decode(userInfo, "user")
            }
        }
        var hostPart = rest
        var portText: Substring?
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { throw RepositoryError("PostgreSQL URL: unclosed '[' in the host") }
            let after = hostPart[hostPart.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw RepositoryError("PostgreSQL URL: unexpected text after the host")
            }
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
        } else if let colon = hostPart.lastIndex(of: ":") {
            portText = hostPart[hostPart.index(after: colon)...]
            hostPart = hostPart[..<colon]
        }
        host = hostPart.isEmpty ? "localhost" : try PostgresLocation.decode(hostPart, "host")
        port = 5432
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw RepositoryError("PostgreSQL URL: invalid port (expected a number from 1 to 65535 after the host)")
            }
            port = value
        }
        database = path.isEmpty ? user : try PostgresLocation.decode(Substring(path), "database")
        sslMode = .prefer
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try PostgresLocation.decode(parts[0], "parameter")
            let value = parts.count > 1 ? try PostgresLocation.decode(parts[1], key) : ""
            switch key {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw RepositoryError("PostgreSQL URL: invalid sslmode \(PostgresLocation.quoted(value)) (one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                sslMode = mode
            case "sslrootcert":
                sslRootCertificate = value
            default:
                throw RepositoryError("PostgreSQL URL: unknown parameter \(PostgresLocation.quoted(key)) (aim-spacy reads sslmode and sslrootcert)")
            }
        }
    }

    /// The password written in a URL, if any (tests check it is never printed).
    public static func password(in url: String) -> String? {
        (try? PostgresLocation(url, environment: [:]))?.password
    }

    /// The password a connection to `url` would use (URL, `$PGPASSWORD`, pgpass file), if any.
    public static func passwordFound(for url: String, environment: [String: String]) -> String? {
        guard let location = try? PostgresLocation(url, environment: environment) else { return nil }
        return PostgresPassword.find(for: location, environment: environment)
    }

    /// The URL without its password, as errors, reports and `repo check` print it.
    public var redacted: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        var text = "postgresql://\(PostgresLocation.encode(user))@\(shownHost):\(port)/\(PostgresLocation.encode(database))"
        if sslMode != .prefer { text += "?sslmode=\(sslMode.rawValue)" }
        return text
    }

    /// A piece of the URL for an error message, only when it is a plain short word: a malformed URL
    /// may put its password anywhere.
    private static func quoted(_ text: String) -> String {
        let plain = text.count <= 24 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "_" || $0 == "-") }
        return plain ? "'\(text)'" : "(not shown)"
    }

    private static func decode(_ text: Substring, _ what: String) throws(RepositoryError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw RepositoryError("PostgreSQL URL: invalid percent-escape in the \(what)")
        }
        return decoded
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/?#[]"))) ?? text
    }
}
