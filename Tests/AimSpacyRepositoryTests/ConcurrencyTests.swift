import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Synchronization
import Testing

/// Several writers on one repository at once, each with its own connection pool (as separate
/// processes would have): none fails, nothing is lost.
@Suite struct ConcurrencyTests {
    @Test(arguments: Backend.allCases, [2, 4])
    func writersWithTheirOwnConnectionsAllSucceed(_ backend: Backend, writers: Int) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let perWriter = 12
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                // Every writer opens (and so creates and migrates) the repository at the same time.
                let store = try repository.open()
                for n in 0..<perWriter {
                    let run = try SampleRuns.ner(seed: writer * 1000 + n, name: "w\(writer)-\(n)", repository: store)
                    try store.insert(run, replace: false, replacing: [])
                    // Everyone also inserts one shared run: exactly one of them writes it.
                    if n == perWriter / 2 {
                        try store.insert(try SampleRuns.ner(seed: 999_999, name: "shared", repository: store), replace: false, replacing: [])
                    }
                }
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
        #expect(try repository.runCount() == writers * perWriter + 1)
        #expect(try repository.open(create: false).check(fix: false).isClean)
    }
}

/// Errors collected from several threads.
final class Failures: Sendable {
    private let items = Mutex<[String]>([])

    func append(_ item: String) { items.withLock { $0.append(item) } }

    var all: [String] { items.withLock { $0 } }
}
