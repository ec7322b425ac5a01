/// Counting `Doc.ents` and `Doc.cats` for `DocBin.counts()`.
extension DocBin {
    /// `Doc.ents` of one doc, counted by label ID (the walk of `Doc.ents`, spec §1.11).
    func countEntities(doc index: Int, rows: Range<Int>, into tally: inout [UInt64: Tally]) throws(DecodingError) {
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
    func countCategories(
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
}
