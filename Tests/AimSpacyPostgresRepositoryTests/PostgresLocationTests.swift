import AimSpacyPostgresRepository
import AimSpacyRepository
import Foundation
import Testing

/// `--repo postgresql://…` read as libpq reads connection URIs; the redacted form never holds the password.
@Suite struct PostgresLocationTests {
    @Test(arguments: [
        ("postgresql://alice:s%40cret@db.example.org:6543/runs?sslmode=verify-full", "alice", "s@cret", "db.example.org", 6543, "runs", "verify-full"),
        ("postgres://bob@127.0.0.1/team", "bob", nil, "127.0.0.1", 5432, "team", "prefer"),
        ("postgresql://carol@[::1]:5433/x?sslmode=disable", "carol", nil, "::1", 5433, "x", "disable"),
        ("postgresql://dave@host/my%20db?sslmode=require", "dave", nil, "host", 5432, "my db", "require"),
    ] as [(String, String, String?, String, Int, String, String)])
    func urlsAreReadAsLibpqReadsThem(_ url: String, user: String, password: String?, host: String, port: Int, database: String, mode: String) throws {
        let location = try PostgresLocation(url, environment: [:])
        #expect(location.user == user && location.password == password && location.host == host)
        #expect(location.port == port && location.database == database && location.sslMode.rawValue == mode)
        if let password { #expect(!location.redacted.contains(password)) }
        #expect(try PostgresLocation(location.redacted, environment: [:]).password == nil)
    }

    @Test(arguments: [
        "postgresql://u:hunter2@h:99999/db", "postgresql://u:hunter2@h/db?sslmode=hunter2x", "postgresql://u:hunter2@h/db?hunter2=1",
        "postgresql://u?x:hunter2@h/db", "postgresql://u:hunter2@[::1/db",
    ])
    func badURLsAreRefusedWithoutShowingThePassword(_ url: String) {
        do {
            _ = try PostgresLocation(url, environment: [:])
            Issue.record("accepted \(url)")
        } catch {
            #expect(!error.message.contains("hunter2"), "\(error.message)")
        }
    }

    @Test func pgpassLinesMatchAsLibpqMatchesThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("pgpass")
        try """
            # comment
            other:5432:runs:alice:wrong
            db.example.org:*:runs:alice:pa\\:ss\\\\word
            *:*:*:*:fallback
            """.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let environment = ["PGPASSFILE": file.path]
        #expect(PostgresLocation.passwordFound(for: "postgresql://alice@db.example.org/runs", environment: environment) == "pa:ss\\word")
        #expect(PostgresLocation.passwordFound(for: "postgresql://bob@elsewhere/x", environment: environment) == "fallback")
        #expect(PostgresLocation.passwordFound(for: "postgresql://bob@elsewhere/x", environment: environment.merging(["PGPASSWORD": "env"]) { $1 }) == "env")
        #expect(PostgresLocation.passwordFound(for: "postgresql://bob:url@elsewhere/x", environment: environment) == "url")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(PostgresLocation.passwordFound(for: "postgresql://bob@elsewhere/x", environment: environment) == nil, "a file others can read is ignored, as libpq does")
    }
}
