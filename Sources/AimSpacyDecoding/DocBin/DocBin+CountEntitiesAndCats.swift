/// Counting `Doc.ents` and `Doc.cats` for `DocBin.counts()`.
extension DocBin {
    /// `Doc.ents` of one doc, counted by label ID.
    func countEntities(doc index: Int, rows: Range<Int>, into tally: inout [UInt64: Tally]) throws(DecodingError) {
        // An entity opens only where ENT_TYPE is set, so the column is there whenever one is counted.
        let typeColumn = columns.entType ?? 0
        let table = self.table
        try forEachEntity(doc: index, rows: rows) { start, _ in
            let label = table.value(row: start, column: typeColumn)
            tally[label, default: Tally(at: cellOffset(row: start, column: typeColumn))].count += 1
        }
    }

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
