import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Synchronization
import Testing

/// Several writers on one repository at once, each with its own connection pool (as separate
/// processes would have): none fails, nothing is lost.
@Suite struct ConcurrencyTests {
    @Test(arguments: [2, 4])
    func writersWithTheirOwnConnectionsAllSucceed(writers: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let perWriter = 12
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                // Every writer opens (and so creates and migrates) the repository at the same time.
                let repository = try RunRepository(directory: directory.url)
                for n in 0..<perWriter {
                    let run = try SampleRuns.ner(seed: writer * 1000 + n, name: "w\(writer)-\(n)", repository: repository)
                    try repository.insert(run)
                    // Everyone also inserts one shared run: exactly one of them writes it.
                    if n == perWriter / 2 { try repository.insert(try SampleRuns.ner(seed: 999_999, name: "shared", repository: repository)) }
                }
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
        let repository = try RunRepository(directory: directory.url)
        #expect(try repository.runCount() == writers * perWriter + 1)
        #expect(try repository.check().isClean)
    }
}

/// Errors collected from several threads.
final class Failures: Sendable {
    private let items = Mutex<[String]>([])

    func append(_ item: String) { items.withLock { $0.append(item) } }

    var all: [String] { items.withLock { $0 } }
}
