import Dispatch
import Synchronization

/// Maps a range on every core (the docs of a DocBin decode independently); results keep their order.
enum ParallelDecode {
    static func map<T: Sendable>(_ range: Range<Int>, _ body: @Sendable (Int) -> T) -> [T] {
        let n = range.count
        guard n >= 16 else { return range.map(body) }
        let chunks = 8
        let results = Mutex<[Int: [T]]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lower = range.lowerBound + n * chunk / chunks, upper = range.lowerBound + n * (chunk + 1) / chunks
            let local = (lower..<upper).map(body)
            results.withLock { $0[chunk] = local }
        }
        let all = results.withLock { $0 }
        return (0..<chunks).flatMap { all[$0] ?? [] }
    }
}
