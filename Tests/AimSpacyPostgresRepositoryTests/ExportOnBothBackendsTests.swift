import AimSpacyBackendTestSupport
import AimSpacyTestSupport
import Foundation
import Testing

/// `export` reads runs and objects through the repository: the same trainings give the same
/// TensorBoard event files whichever engine keeps them.
@Suite struct ExportOnBothBackendsTests {
    @Test func tensorBoardFilesAreTheSameFromEitherBackend() throws {
        guard let postgres = try TestRepository.make(.postgres) else { return }
        let sqlite = try #require(try TestRepository.make(.sqlite))
        defer {
            postgres.remove()
            sqlite.remove()
        }
        var exported: [[String: Data]] = []
        for repository in [sqlite, postgres] {
            let imported = try CommandsOnBothBackendsTests.aim(["import", Fixture.url("trainings").path, "--repo", repository.repo])
            #expect(imported.status == 0, "\(imported.stderr)")
            let out = repository.scratch.appendingPathComponent("tensorboard")
            let export = try CommandsOnBothBackendsTests.aim(["export", "--repo", repository.repo, "--to", "tensorboard", out.path, "--json"])
            #expect(export.status == 0, "\(export.stderr)")
            var files: [String: Data] = [:]
            let walker = FileManager.default.enumerator(at: out, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = walker?.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                files[String(url.path.dropFirst(out.path.count))] = try Data(contentsOf: url)
            }
            exported.append(files)
        }
        #expect(exported[0].count == 2)
        #expect(exported[0].keys.sorted() == exported[1].keys.sorted())
        for (path, bytes) in exported[0] {
            #expect(exported[1][path] == bytes, "\(path) differs between SQLite and PostgreSQL")
        }
    }
}
