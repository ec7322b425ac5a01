import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyPostgresRepository
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// The commands a user runs, as the `aim-spacy` binary, on a repository of each backend; and
/// `repo copy` between the two, both ways.
@Suite struct CommandsOnBothBackendsTests {
    static func aim(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try Shell.run([ConcurrencyAndFaultTests.binary.path] + arguments)
    }

    static func hashes(_ runsJSON: String) throws -> [String] {
        guard case .array(let items) = try JSONValue.parse(runsJSON) else { return [] }
        return items.compactMap { $0["hash"]?.stringValue }
    }

    @Test func everyCommandWorksOnBothBackends() throws {
        guard let postgres = try TestRepository.make(.postgres) else { return }
        let sqlite = try #require(try TestRepository.make(.sqlite))
        defer {
            postgres.remove()
            sqlite.remove()
        }
        var csvs: [String] = []
        for repository in [sqlite, postgres] {
            let repo = repository.repo
            let site = repository.scratch.appendingPathComponent("site")
            let imported = try Self.aim(["import", Fixture.url("trainings").path, "--repo", repo, "--report", site.path,
                                         "--viz-path", "corpus/dev.spacy", "--model-log-interval", "100"])
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path))
            let hashes = try Self.hashes(try Self.aim(["runs", "--repo", repo, "--json"]).stdout)
            #expect(hashes.count == 2)
            guard hashes.count == 2 else { continue }
            #expect(try Self.aim(["tag", hashes[0], "x", "y", "--repo", repo]).status == 0)
            #expect(try Self.aim(["untag", hashes[0], "y", "--repo", repo]).status == 0)
            #expect(try Self.aim(["rename", String(hashes[0].prefix(8)), "renamed", "--repo", repo]).status == 0)
            let shown = try JSONValue.parse(try Self.aim(["show", "renamed", "--json", "--repo", repo]).stdout)
            #expect(shown["tags"] == .array([.string("x")]) && shown["name"] == .string("renamed"))
            csvs.append(try Self.aim(["metrics", "renamed", "--csv", "--repo", repo]).stdout)

            let selected = repository.scratch.appendingPathComponent("selected")
            let report = try Self.aim(["report", "--query", "run.name == \"renamed\"", "--out", selected.path, "--repo", repo])
            #expect(report.status == 0, "\(report.stderr)")
            #expect(try String(contentsOf: selected.appendingPathComponent("index.html"), encoding: .utf8).contains("renamed"))
            #expect(try Self.aim(["report", "--check", selected.path]).status == 0)

            let zip = repository.scratch.appendingPathComponent("run.zip")
            let archived = try Self.aim(["archive", "renamed", "--out", zip.path, "--repo", repo])
            #expect(archived.status == 0, "\(archived.stderr)")
            #expect(try Self.aim(["verify", zip.path]).status == 0)

            let check = try Self.aim(["repo", "check", "--repo", repo])
            #expect(check.status == 0 && check.stdout.hasPrefix("ok: "), "\(check.stdout)")
            if let password = PostgresLocation.password(in: repo) {
                #expect(!check.stdout.contains(password) && !imported.stdout.contains(password) && !imported.stderr.contains(password))
            }
            #expect(try Self.aim(["rm", hashes[1], "--repo", repo]).stdout == "removed \(hashes[1])\n")
            #expect(try Self.hashes(try Self.aim(["runs", "--repo", repo, "--json"]).stdout) == [hashes[0]])
            let leftovers = try Self.aim(["repo", "check", "--repo", repo])
            #expect(leftovers.status != 0 && leftovers.stdout.contains("orphan object: "))
            #expect(try Self.aim(["repo", "check", "--fix", "--repo", repo]).stdout.contains("removed object "))
            #expect(try Self.aim(["repo", "check", "--repo", repo]).status == 0)
        }
        #expect(csvs.count == 2 && csvs[0] == csvs[1] && csvs[0].hasPrefix("name,context,step,epoch,value\n"))
    }

    @Test func repoCopyBothWaysKeepsHashesAndIsIdempotent() async throws {
        guard let postgres = try TestRepository.make(.postgres) else { return }
        let source = try #require(try TestRepository.make(.sqlite))
        let back = try #require(try TestRepository.make(.sqlite))
        defer {
            postgres.remove()
            source.remove()
            back.remove()
        }
        let options = ImportOptions(paths: [Fixture.url("trainings").path], repo: source.repo, vizPath: "corpus/dev.spacy", modelLogInterval: 100)
        let report = try await ImportPipeline.run(options, now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(!report.failed)

        let pushed = try Self.aim(["repo", "copy", "--from", source.repo, "--to", postgres.repo])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(pushed.stdout.hasPrefix("copied 2 runs"), "\(pushed.stdout)")
        #expect(!pushed.stdout.contains(try #require(PostgresLocation.password(in: postgres.repo))))
        let again = try Self.aim(["repo", "copy", "--from", source.repo, "--to", postgres.repo])
        #expect(again.stdout.hasPrefix("copied 0 runs (0 objects), 2 unchanged"), "\(again.stdout)")
        #expect(try RunCommands.runs(repo: source.repo, query: nil, json: true) == RunCommands.runs(repo: postgres.repo, query: nil, json: true))
        for hash in report.hashes {
            #expect(try RunCommands.show(repo: source.repo, run: hash, json: true) == RunCommands.show(repo: postgres.repo, run: hash, json: true))
        }
        #expect(try postgres.open().check(fix: false).isClean)

        let pulled = try Self.aim(["repo", "copy", "--from", postgres.repo, "--to", back.repo, "--query", "run.experiment == \"alice-ner\""])
        #expect(pulled.status == 0, "\(pulled.stderr)")
        let hashes = try Self.hashes(try RunCommands.runs(repo: back.repo, query: nil, json: true))
        #expect(hashes.count == 1)
        let hash = try #require(hashes.first)
        #expect(try RunCommands.show(repo: source.repo, run: hash, json: true) == RunCommands.show(repo: back.repo, run: hash, json: true))
        #expect(try back.open().check(fix: false).isClean)
        let zip = back.scratch.appendingPathComponent("pulled.zip")
        #expect(try Self.aim(["archive", hash, "--out", zip.path, "--repo", back.repo]).status == 0)
        #expect(try Self.aim(["verify", zip.path]).status == 0)
    }
}
