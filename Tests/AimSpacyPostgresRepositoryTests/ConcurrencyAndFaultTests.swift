import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyPostgresRepository
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Real `aim-spacy` processes on one repository of each backend: eight importers at once with
/// overlapping runs, `kill -9` at random moments, and (PostgreSQL) a server that goes away or is
/// not there.
@Suite struct ConcurrencyAndFaultTests {
    static var binary: URL { Fixture.productsDirectory.appendingPathComponent("aim-spacy") }

    static func launch(_ arguments: [String], in scratch: URL) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let err = scratch.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    /// Every stored synthetic run must be whole: equal to the run its number makes.
    static func expectWholeSyntheticRuns(_ store: any RunStore) throws -> Int {
        let summaries = try store.summaries(including: [])
        for summary in summaries {
            let n = try #require(Int(summary.name.dropFirst("run-".count)))
            let stored = try #require(try store.run(hash: summary.hash))
            #expect(stored == SyntheticRuns.run(n, sourceSHA256: SHA256.hex(Array(SyntheticRuns.configText(n).utf8))), "run-\(n)")
        }
        return summaries.count
    }

    @Test(arguments: Backend.allCases)
    func eightImportersWithOverlappingRunsStoreEachOnce(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        var launched: [(Process, URL)] = []
        for i in 0..<8 {
            launched.append(try Self.launch(["repo", "fill", "--repo", repository.repo, "--start", String(i * 10), "--count", "30"], in: repository.scratch))
        }
        for i in 0..<8 {
            launched.append(try Self.launch(["import", Fixture.url("trainings").path, "--repo", repository.repo, "--tag", "t\(i % 2)"], in: repository.scratch))
        }
        for (process, err) in launched {
            process.waitUntilExit()
            let stderr = try String(contentsOf: err, encoding: .utf8)
            #expect(process.terminationStatus == 0, "\(stderr)")
            #expect(!stderr.contains("serialize") && !stderr.contains("deadlock"))
        }
        let store = try repository.open(create: false)
        let all = try store.summaries(including: [])
        #expect(all.count == 100 + 2)
        #expect(Set(all.map(\.hash)).count == all.count)
        let synthetic = all.filter { $0.name.hasPrefix("run-") }
        #expect(Set(synthetic.map(\.name)) == Set((0..<100).map { "run-\($0)" }))
        for run in synthetic.prefix(20) {
            let n = Int(run.name.dropFirst(4))!
            #expect(try store.run(hash: run.hash) == SyntheticRuns.run(n, sourceSHA256: SHA256.hex(Array(SyntheticRuns.configText(n).utf8))))
        }
        #expect(try store.check(fix: false).isClean)
    }

    @Test(arguments: Backend.allCases)
    func killNineAtRandomMomentsLeavesOnlyReclaimableLeftovers(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        // The repository exists before the first writer starts, and each writer is killed only once
        // it has committed a run, however loaded the machine (a writer killed while it connects
        // proves nothing).
        let watcher = try repository.open()
        var random = SplitMix64(seed: backend == .sqlite ? 9 : 10)
        var start = 0
        for _ in 0..<6 {
            let before = try watcher.hashes().count
            let (process, _) = try Self.launch(["repo", "fill", "--repo", repository.repo, "--start", String(start), "--count", "400"], in: repository.scratch)
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, try watcher.hashes().count == before, process.isRunning { usleep(10_000) }
            usleep(UInt32(random.next() % 300_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            start += 400
        }
        let check = try Shell.run([Self.binary.path, "repo", "check", "--repo", repository.repo])
        for line in check.stdout.split(separator: "\n") {
            let allowed = ["orphan object:", "temporary file:", "problems found;", "ok:"]
            #expect(allowed.contains { line.hasPrefix($0) }, "repo check: \(line)")
        }
        let store = try repository.open(create: false)
        let count = try Self.expectWholeSyntheticRuns(store)
        #expect(count > 0)
        let fixed = try Shell.run([Self.binary.path, "repo", "check", "--fix", "--repo", repository.repo])
        #expect(fixed.status == 0 || fixed.stdout.contains("removed"))
        #expect(try store.check(fix: false).isClean)
    }

    @Test func aServerThatIsNotThereIsOneLineNamingHostAndPort() throws {
        let url = "postgresql://someone:s3cret-pw@127.0.0.1:9/team?sslmode=disable"
        for arguments in [["runs", "--repo", url], ["import", Fixture.url("trainings").path, "--repo", url]] {
            let result = try Shell.run([Self.binary.path] + arguments)
            #expect(result.status != 0)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("127.0.0.1:9"))
            #expect(!result.stderr.contains("s3cret-pw") && !result.stdout.contains("s3cret-pw"))
        }
    }

    @Test func aServerThatGoesAwayMidImportIsOneLineAndNoPartialRun() throws {
        guard let repository = try TestRepository.make(.postgres), let server = try PostgresTestServer.available() else { return }
        defer { repository.remove() }
        _ = try repository.open()
        let database = String(repository.repo.split(separator: "/").last!.split(separator: "?").first!)
        let (process, err) = try Self.launch(["repo", "fill", "--repo", repository.repo, "--count", "100000"], in: repository.scratch)
        usleep(1_500_000)
        try server.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
        process.waitUntilExit()
        let stderr = try String(contentsOf: err, encoding: .utf8)
        #expect(process.terminationStatus != 0)
        #expect(stderr.split(separator: "\n").count == 1, "\(stderr)")
        #expect(stderr.contains("127.0.0.1") && stderr.contains("lost"), "\(stderr)")
        #expect(!stderr.contains(try #require(PostgresLocation.password(in: repository.repo))))
        let store = try repository.open(create: false)
        #expect(try Self.expectWholeSyntheticRuns(store) > 0)
    }
}
