import AimSpacyBackendTestSupport
import AimSpacyPipeline
import AimSpacyPostgresRepository
import AimSpacyRepository
import Foundation
import Testing

/// The schema's life on a real server: machines opening a new database at once migrate it once, a
/// missing repository is not created by readers, a newer schema is refused.
@Suite struct PostgresSchemaTests {
    @Test func concurrentFirstUseMigratesExactlyOnce() async throws {
        guard let repository = try TestRepository.make(.postgres), let server = try PostgresTestServer.available() else { return }
        defer { repository.remove() }
        let url = repository.repo
        let versions = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { try PostgresRepository(url: url, create: true).schemaVersions() }
            }
            var all: [[String]] = []
            for try await versions in group { all.append(versions) }
            return all
        }
        #expect(versions.count == 8)
        #expect(Set(versions.map { $0.joined(separator: ",") }) == ["v1,v2"])
        let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
        let count = try Shell.run(["psql", "-tA", server.url(database: database), "-c", "SELECT count(*) FROM aim_spacy.migrations"])
        #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }

    @Test func readersDoNotCreateAndANewerSchemaIsRefused() throws {
        guard let repository = try TestRepository.make(.postgres), let server = try PostgresTestServer.available() else { return }
        defer { repository.remove() }
        #expect(throws: PipelineError.self) { try RunCommands.runs(repo: repository.repo, query: nil, json: false) }
        _ = try PostgresRepository(url: repository.repo, create: true)
        #expect(try RunCommands.runs(repo: repository.repo, query: nil, json: true) == "[]\n")
        let database = String(repository.repo.split(separator: "/").last!.split(separator: "?").first!)
        let added = try Shell.run(["psql", "-q", server.url(database: database), "-c", "INSERT INTO aim_spacy.migrations (position, id) VALUES (99, 'v99')"])
        #expect(added.status == 0, "\(added.stderr)")
        do {
            _ = try PostgresRepository(url: repository.repo, create: false)
            Issue.record("a newer schema was opened")
        } catch {
            #expect(error.message.contains("newer aim-spacy") && error.message.contains("v99"))
        }
    }
}
