import Foundation

/// The password for a connection, found as libpq finds it: in the URL, else `$PGPASSWORD`, else the
/// first matching line of `$PGPASSFILE` or `~/.pgpass` (`host:port:database:user:password`, `*`
/// matching anything, `\:` and `\\` escaped), which is ignored when others may read it.
enum PostgresPassword {
    static func find(
        for location: PostgresLocation, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        if let password = location.password { return password }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let path = environment["PGPASSFILE"] ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return lookUp(String(decoding: data, as: UTF8.self), location: location)
    }

    /// The password of the first line of a pgpass file that matches the location.
    static func lookUp(_ text: String, location: PostgresLocation) -> String? {
        let wanted = [location.host, String(location.port), location.database, location.user]
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A line's fields, on unescaped colons, with `\` escapes removed.
    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
