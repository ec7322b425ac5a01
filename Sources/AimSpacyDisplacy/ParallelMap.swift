import Dispatch
import Synchronization

/// Maps items on every core, keeping their order and the first error: docs decode and render
/// independently, and a call with many docs (a gallery, a corpus) is where displaCy's time goes.
package enum ParallelMap {
    /// Below this many items the work stays on the calling thread.
    package static let threshold = 16

    package static func map<T: Sendable, R: Sendable, E: Error>(
        _ items: [T], _ transform: @Sendable (Int, T) throws(E) -> R
    ) throws(E) -> [R] {
        if items.count < threshold {
            var out: [R] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() { out.append(try transform(i, item)) }
            return out
        }
        let results = Mutex<[Int: Result<R, E>]>([:])
        let lanes = min(items.count, 8)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var local: [Int: Result<R, E>] = [:]
            var i = lane
            while i < items.count {
                do throws(E) {
                    local[i] = .success(try transform(i, items[i]))
                } catch {
                    local[i] = .failure(error)
                }
                i += lanes
            }
            results.withLock { $0.merge(local) { first, _ in first } }
        }
        let all = results.withLock { $0 }
        var out: [R] = []
        out.reserveCapacity(items.count)
        for i in items.indices {
            guard let result = all[i] else { preconditionFailure("lane skipped item \(i)") }
            out.append(try result.get())
        }
        return out
    }
}
