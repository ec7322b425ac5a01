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
        var entries: [(name: Int, group: Range<Int>)] = []
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

    /// `Doc.ents` of one doc, counted by label ID (the walk of `Doc.ents`, spec §1.11).
    private func countEntities(doc index: Int, rows: Range<Int>, into tally: inout [UInt64: Tally]) throws(DecodingError) {
        guard let iobColumn = columns.entIOB else { return }
        let typeColumn = columns.entType
        let table = self.table
        var open: UInt64 = 0
        var openRow = -1
        for row in rows {
            let iob = table.value(row: row, column: iobColumn)
            let type = typeColumn.map { table.value(row: row, column: $0) } ?? 0
            if iob == 1 {
                if openRow < 0 {
                    throw tokenError(doc: index, row: row, column: iobColumn,
                        "token \(row - rows.lowerBound) is I(nside) an entity that no B(egin) opened (spaCy E093)")
                }
                continue
            }
            if openRow >= 0, open != 0 {
                tally[open, default: Tally(at: cellOffset(row: openRow, column: typeColumn ?? iobColumn))].count += 1
            }
            if iob == 3 && type != 0 {
                open = type
                openRow = row
            } else {
                open = 0
                openRow = -1
            }
        }
        if openRow >= 0, open != 0 {
            tally[open, default: Tally(at: cellOffset(row: openRow, column: typeColumn ?? iobColumn))].count += 1
        }
    }

    func cellOffset(row: Int, column: Int) -> Int { tokens.lowerBound + (row * attrs.count + column) * 8 }

    /// `cats[i]`, counted by label (labels numbered by `labels`).
    private func countCategories(
        doc index: Int, labels: inout LabelCache, into tally: inout [DocBinCounts.CategoryCount]
    ) throws(DecodingError) {
        var reader = reader(at: self.cats[index])
        do throws(DecodingError) {
            let members = try reader.readMapHeader()
            var docCats: [(label: Int, positive: Bool)] = []
            for _ in 0..<members {
                let start = reader.offset
                let key = try reader.next()
                guard case .string(let range) = key else {
                    throw reader.error("expected a str category label, found msgpack \(key.typeName)", at: start)
                }
                let label = try labels.index(of: reader.slice(range), reader: reader, at: start)
                let positive: Bool
                let valueStart = reader.offset
                let value = try reader.next()
                switch value {
                case .float(let v): positive = v >= 0.5
                case .int(let v): positive = v >= 1
                case .uint: positive = true
                case .bool(let b): positive = b
                case .string(let r):
                    guard String(validating: reader.slice(r), as: UTF8.self) != nil else {
                        throw reader.error("invalid UTF-8 in msgpack str", at: valueStart).prefixingPath(".\(labels.labels[label])")
                    }
                    positive = false
                default:
                    reader.bytes.offset = valueStart
                    do { _ = try reader.readValue() } catch { throw error.prefixingPath(".\(labels.labels[label])") }
                    positive = false
                }
                // A label repeated within one map keeps its last value, as in a Python dict.
                if let i = docCats.firstIndex(where: { $0.label == label }) {
                    docCats[i].positive = positive
                } else {
                    docCats.append((label, positive))
                }
            }
            for (label, positive) in docCats {
                while tally.count <= label { tally.append(.init()) }
                tally[label].docs += 1
                if positive { tally[label].positive += 1 }
            }
        } catch {
            throw error.prefixingPath("cats[\(index)]")
        }
    }

    /// The spans of one doc's groups, counted by group name and label ID, with the key rules of
    /// `rawSpanGroups` (so both paths agree) but without building any span value.
    private func countSpans(
        doc index: Int, names: inout LabelCache, entries: inout [(name: Int, group: Range<Int>)],
        into tally: inout [[UInt64: Tally]]
    ) throws(DecodingError) {
        guard let spanGroups else { return }
        let range = spanGroups[index]
        if range.isEmpty || (range.count == 1 && payload.bytes[range.lowerBound] == 0x90) { return }
        entries.removeAll(keepingCapacity: true)
        var reader = reader(nested: range)
        func store(_ name: Int, _ group: Range<Int>) {
            if let existing = entries.firstIndex(where: { $0.name == name }) {
                entries[existing].group = group
            } else {
                entries.append((name, group))
            }
        }
        do throws(DecodingError) {
            let start = reader.offset
            switch try reader.next() {
            case .array(let n):
                for i in 0..<n {
                    do throws(DecodingError) {
                        let local = try reader.readBinary()
                        let group = (range.lowerBound + local.lowerBound)..<(range.lowerBound + local.upperBound)
                        let inner = try groupName(group, names: &names)
                        store(inner.name, inner.spans)
                    } catch {
                        throw error.prefixingPath("[\(i)]")
                    }
                }
            case .map(let n):
                for i in 0..<n {
                    do throws(DecodingError) {
                        let local = try reader.readBinary()
                        let group = (range.lowerBound + local.lowerBound)..<(range.lowerBound + local.upperBound)
                        let spans = try groupName(group, names: &names).spans
                        let keys = try reader.readArrayHeader()
                        for _ in 0..<keys {
                            let key = try reader.readStringRange()
                            store(try names.index(of: reader.slice(key), reader: reader, at: key.lowerBound), spans)
                        }
                    } catch {
                        throw error.prefixingPath("{\(i)}")
                    }
                }
            case let other:
                throw reader.error("expected a map or array of serialized span groups, found msgpack \(other.typeName)", at: start)
            }
            guard reader.bytes.isAtEnd else { throw reader.error("unexpected bytes after the span groups") }
        } catch {
            throw error.prefixingPath("span_groups[\(index)]")
        }
        for entry in entries {
            while tally.count <= entry.name { tally.append([:]) }
            let group = entry.group
            do throws(DecodingError) {
                try forEachSpanLabel(group) { label, at in tally[entry.name][label, default: Tally(at: at)].count += 1 }
            } catch {
                throw error.prefixingPath("span_groups[\(index)]")
            }
        }
    }

    /// Checks a serialized SpanGroup's shape; returns the number of its `name` and the payload
    /// range of its `spans` array's elements.
    private func groupName(_ group: Range<Int>, names: inout LabelCache) throws(DecodingError) -> (name: Int, spans: Range<Int>) {
        var reader = reader(nested: group)
        let members = try reader.readMapHeader()
        var name: Int?
        var spans: Range<Int>?
        for _ in 0..<members {
            let keyStart = reader.offset
            let key = try reader.next()
            guard case .string(let keyRange) = key else {
                throw reader.error("expected a str key in a serialized SpanGroup, found msgpack \(key.typeName)", at: keyStart)
            }
            if reader.stringEquals(keyRange, "name") {
                do {
                    let r = try reader.readStringRange()
                    name = try names.index(of: reader.slice(r), reader: reader, at: r.lowerBound)
                } catch { throw error.prefixingPath(".name") }
            } else if reader.stringEquals(keyRange, "spans") {
                let n: Int
                do { n = try reader.readArrayHeader() } catch { throw error.prefixingPath(".spans") }
                let first = reader.offset
                for i in 0..<n {
                    let raw: Range<Int>
                    do { raw = try reader.readBinary() } catch { throw error.prefixingPath(".spans[\(i)]") }
                    guard raw.count == 40 else {
                        throw reader.error("a span is \(raw.count) bytes, expected 40 (struct >QQQllll)", at: raw.lowerBound)
                            .prefixingPath(".spans[\(i)]")
                    }
                }
                spans = (group.lowerBound + first)..<(group.lowerBound + reader.offset)
            } else {
                try reader.skipValue()
            }
        }
        guard let name, let spans else { throw reader.error("a serialized SpanGroup needs `name` and `spans`", at: 0) }
        guard reader.bytes.isAtEnd else { throw reader.error("unexpected bytes after a serialized SpanGroup") }
        return (name, spans)
    }

    /// Calls `body` with the label ID and payload offset of every span in a checked `spans` array.
    private func forEachSpanLabel(_ spans: Range<Int>, _ body: (UInt64, Int) -> Void) throws(DecodingError) {
        var reader = reader(nested: spans)
        while !reader.bytes.isAtEnd {
            let raw = try reader.readBinary()
            let label = UInt64(bigEndian: reader.slice(raw).loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            body(label, spans.lowerBound + raw.lowerBound + 16)
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
