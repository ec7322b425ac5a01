/// The columnar counting path: one pass over the token table that reads only the columns it
/// counts, keys labels by their string ID and resolves each ID once at the end.
extension DocBin {
    public func counts() throws(DecodingError) -> DocBinCounts {
        var result = DocBinCounts()
        result.docs = count
        result.tokens = tokenCount
        result.attributes = attrs.map(AttributeID.name)
        result.compressedSize = compressedSize
        result.inflatedSize = inflatedSize
        result.docsWithUserData = userDataCount

        var entities: [UInt64: Tally] = [:]
        var spanTally: [String: [UInt64: Tally]] = [:]
        var scratch = DocScratch()
        var groups: [(name: String, labels: [(id: UInt64, at: Int)])] = []
        for index in 0..<count {
            let rows = self.rows(of: index)
            _ = try analyse(doc: index, rows: rows, scratch: &scratch)
            if SentenceBoundaries.isAnnotated(scratch.sentStart) {
                result.sentences += SentenceBoundaries.count(scratch.sentStart)
            } else {
                result.docsWithoutSentences += 1
            }
            try countEntities(doc: index, rows: rows, into: &entities)
            if try hasUnknownSpaces(doc: index) { result.docsWithUnknownSpaces += 1 }
            try countCategories(doc: index, into: &result.cats)
            groups.removeAll(keepingCapacity: true)
            try spanLabels(doc: index, into: &groups)
            for group in groups {
                var tally = spanTally[group.name, default: [:]]
                for label in group.labels { tally[label.id, default: Tally(at: label.at)].count += 1 }
                spanTally[group.name] = tally
            }
        }
        for (id, tally) in entities {
            guard let label = strings[id] else {
                throw DecodingError(
                    location: .binary(offset: tally.at, path: "tokens.ENT_TYPE"),
                    message: "entity label string ID \(id) is not in `strings` nor a symbol")
            }
            result.entities[label, default: 0] += tally.count
        }
        for (name, labels) in spanTally {
            var byLabel: [String: Int] = [:]
            for (id, tally) in labels {
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

    /// A count and where its first occurrence is (for an error if its label does not resolve).
    struct Tally {
        var count = 0
        var at: Int
        init(at: Int) { self.at = at }
    }

    /// `Doc.ents` of one doc, counted by label ID (the walk of `Doc.ents`, spec §1.11).
    private func countEntities(doc index: Int, rows: Range<Int>, into tally: inout [UInt64: Tally]) throws(DecodingError) {
        guard let iobColumn = columns.entIOB else { return }
        let typeColumn = columns.entType
        var open: UInt64 = 0
        var openRow = -1
        for row in rows {
            let iob = value(row: row, column: iobColumn)
            let type = typeColumn.map { value(row: row, column: $0) } ?? 0
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

    /// `cats[i]`, counted by label.
    private func countCategories(doc index: Int, into cats: inout [String: DocBinCounts.CategoryCount]) throws(DecodingError) {
        var reader = reader(at: self.cats[index])
        do throws(DecodingError) {
        let members = try reader.readMapHeader()
        for _ in 0..<members {
            let start = reader.offset
            let key = try reader.next()
            guard case .string(let range) = key else {
                throw reader.error("expected a str category label, found msgpack \(key.typeName)", at: start)
            }
            let label = try reader.string(range)
            let score = try reader.readValue()
            var entry = cats[label, default: .init()]
            entry.docs += 1
            switch score {
            case .float(let v) where v >= 0.5: entry.positive += 1
            case .int(let v) where v >= 1: entry.positive += 1
            case .bool(true): entry.positive += 1
            default: break
            }
            cats[label] = entry
        }
        } catch {
            throw error.prefixingPath("cats[\(index)]")
        }
    }

    /// The span groups of one doc as (name, label IDs) after the same key rules as `spanGroups(doc:)`.
    private func spanLabels(doc index: Int, into groups: inout [(name: String, labels: [(id: UInt64, at: Int)])]) throws(DecodingError) {
        for group in try rawSpanGroups(doc: index) {
            groups.append((group.name, group.labels))
        }
    }
}
