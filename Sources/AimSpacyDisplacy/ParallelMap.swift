import Dispatch
import Synchronization

/// Maps the docs of one `render` call on every core: docs render independently, and a call with many
/// docs (a gallery, a corpus) is where rendering time goes. Order and the first error are kept.
enum ParallelMap {
    /// Below this many items the work stays on the calling thread.
    static let threshold = 16

    static func map<T: Sendable, R: Sendable>(
        _ items: [T], _ transform: @Sendable (Int, T) throws(DisplacyError) -> R
    ) throws(DisplacyError) -> [R] {
        if items.count < threshold {
            var out: [R] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() { out.append(try transform(i, item)) }
            return out
        }
        let results = Mutex<[Int: Result<R, DisplacyError>]>([:])
        let chunks = min(items.count, 8)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var local: [Int: Result<R, DisplacyError>] = [:]
            var i = chunk
            while i < items.count {
                do throws(DisplacyError) {
                    local[i] = .success(try transform(i, items[i]))
                } catch {
                    local[i] = .failure(error)
                }
                i += chunks
            }
            results.withLock { $0.merge(local) { first, _ in first } }
        }
        return try results.withLock { all throws(DisplacyError) -> [R] in
            var out: [R] = []
            out.reserveCapacity(items.count)
            for i in items.indices {
                guard let result = all[i] else { throw DisplacyError("doc \(i) was not rendered") }
                out.append(try result.get())
            }
            return out
        }
    }
}
