import Dispatch

/// The columnar counting path: one pass over the token table that reads only the columns it
/// counts, keys labels by their string ID and resolves each ID once at the end. Large files are
/// counted in two halves on two threads and merged; the result and any error are the same.
extension DocBin {
    /// - Parameter threads: how many parts to count concurrently; by default 2 for large files.
    public func counts(threads: Int? = nil) throws(DecodingError) -> DocBinCounts {
        var result = DocBinCounts()
        result.docs = count
        result.tokens = tokenCount
        result.attributes = attrs.map(AttributeID.name)
        result.compressedSize = compressedSize
        result.inflatedSize = inflatedSize
        result.docsWithUserData = userDataCount

        let parts = max(1, min(threads ?? (count >= 4096 ? 2 : 1), max(count, 1)))
        var partials: [PartialCounts] = []
        if parts == 1 {
            partials.append(try partialCounts(0..<count))
        } else {
            let slots = ResultSlots(count: parts)
            defer { slots.deallocate() }
            let docBin = self
            let total = count
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let docs = (total * part / parts)..<(total * (part + 1) / parts)
                do throws(DecodingError) { slots.store(.success(try docBin.partialCounts(docs)), at: part) } catch {
                    slots.store(.failure(error), at: part)
                }
            }
            for part in 0..<parts {
                switch slots.load(part) {
                case .success(let partial): partials.append(partial)
                case .failure(let error): throw error
                }
            }
        }

        var entities: [UInt64: Tally] = [:]
        var spans: [String: [UInt64: Tally]] = [:]
        for partial in partials {
            result.sentences += partial.sentences
            result.docsWithoutSentences += partial.docsWithoutSentences
            result.docsWithUnknownSpaces += partial.docsWithUnknownSpaces
            entities.merge(partial.entities) { $0.merged($1) }
            for (name, labels) in partial.spans { spans[name, default: [:]].merge(labels) { $0.merged($1) } }
            for (label, n) in partial.cats {
                result.cats[label, default: .init()].docs += n.docs
                result.cats[label, default: .init()].positive += n.positive
            }
        }
        for (id, tally) in entities.sorted(by: { $0.value.at < $1.value.at }) {
            guard let label = strings[id] else {
                throw DecodingError(
                    location: .binary(offset: tally.at, path: "tokens.ENT_TYPE"),
                    message: "entity label string ID \(id) is not in `strings` nor a symbol")
            }
            result.entities[label, default: 0] += tally.count
        }
        for (name, labels) in spans.sorted(by: { $0.key < $1.key }) {
            var byLabel: [String: Int] = [:]
            for (id, tally) in labels.sorted(by: { $0.value.at < $1.value.at }) {
                guard let label = strings[id] else {
                    throw DecodingError(
                        location: .binary(offset: tally.at, path: "span_groups.\(name).label"),
                        message: "span label string ID \(id) is not in `strings` nor a symbol")
                }
                byLabel[label, default: 0] += tally.count
            }
            result.spans[name] = byLabel
        }
        return result
    }

    /// What one range of docs contributes; labels of entities and spans still string IDs.
    struct PartialCounts {
        var sentences = 0
        var docsWithoutSentences = 0
        var docsWithUnknownSpaces = 0
        var entities: [UInt64: Tally] = [:]
        var spans: [String: [UInt64: Tally]] = [:]
        var cats: [String: DocBinCounts.CategoryCount] = [:]
    }

    func partialCounts(_ docs: Range<Int>) throws(DecodingError) -> PartialCounts {
        var partial = PartialCounts()
        var groupNames = LabelCache()
        var spanTally: [[UInt64: Tally]] = []
        var catLabels = LabelCache()
        var catTally: [DocBinCounts.CategoryCount] = []
        var scratch = DocScratch()
        var entries: [(name: Int, spans: Range<Int>)] = []
        for index in docs {
            let rows = self.rows(of: index)
            _ = try analyse(doc: index, rows: rows, scratch: &scratch)
            if SentenceBoundaries.isAnnotated(scratch.sentStart) {
                partial.sentences += SentenceBoundaries.count(scratch.sentStart)
            } else {
                partial.docsWithoutSentences += 1
            }
            try countEntities(doc: index, rows: rows, into: &partial.entities)
            if try hasUnknownSpaces(doc: index) { partial.docsWithUnknownSpaces += 1 }
            try countCategories(doc: index, labels: &catLabels, into: &catTally)
            try countSpans(doc: index, names: &groupNames, entries: &entries, into: &spanTally)
        }
        for (nameIndex, labels) in spanTally.enumerated() { partial.spans[groupNames.labels[nameIndex]] = labels }
        for (i, tally) in catTally.enumerated() { partial.cats[catLabels.labels[i]] = tally }
        return partial
    }

    /// A count and where its first occurrence is (for an error if its label does not resolve).
    struct Tally {
        var count = 0
        var at: Int
        init(at: Int) { self.at = at }

        func merged(_ other: Tally) -> Tally {
            var sum = Tally(at: min(at, other.at))
            sum.count = count + other.count
            return sum
        }
    }
}

/// One result per concurrently counted part, each written by exactly one thread before it is read.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Result<DocBin.PartialCounts, DecodingError>?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    func store(_ result: Result<DocBin.PartialCounts, DecodingError>, at index: Int) { slots[index] = result }

    func load(_ index: Int) -> Result<DocBin.PartialCounts, DecodingError> {
        slots[index] ?? .failure(DecodingError(location: .none, message: "a counting thread did not finish"))
    }

    func deallocate() {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
}
