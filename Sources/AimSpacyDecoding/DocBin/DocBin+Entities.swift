import AimSpacyModel

/// `Doc.ents` from the ENT_IOB / ENT_TYPE columns: one walk, shared by `doc(at:)` and `counts()`.
extension DocBin {
    /// Calls `body` with the first row and the end row of every entity of doc `index`, walking left
    /// to right as `Doc.ents` does (spec §1.11): a B with a type opens an entity, an I continues it
    /// (spaCy's E093 when none is open), anything else closes it.
    func forEachEntity(doc index: Int, rows: Range<Int>, _ body: (_ start: Int, _ end: Int) -> Void) throws(DecodingError) {
        guard let iobColumn = columns.entIOB else { return }
        let typeColumn = columns.entType
        let table = self.table
        var start = -1
        for row in rows {
            let iob = table.value(row: row, column: iobColumn)
            if iob == 1 {
                if start < 0 {
                    throw tokenError(doc: index, row: row, column: iobColumn,
                        "token \(row - rows.lowerBound) is I(nside) an entity that no B(egin) opened (spaCy E093)")
                }
                continue
            }
            if start >= 0 { body(start, row) }
            let type = typeColumn.map { table.value(row: row, column: $0) } ?? 0
            start = iob == 3 && type != 0 ? row : -1
        }
        if start >= 0 { body(start, rows.upperBound) }
    }

    /// `Doc.ents` of doc `index`, whose `tokens` were made from `rows`.
    func entities(_ tokens: [Token], doc index: Int, rows: Range<Int>) throws(DecodingError) -> [Span] {
        var result: [Span] = []
        try forEachEntity(doc: index, rows: rows) { startRow, endRow in
            let start = startRow - rows.lowerBound
            let end = endRow - rows.lowerBound
            let first = tokens[start]
            let last = tokens[end - 1]
            result.append(Span(start: start, end: end, startChar: first.idx, endChar: last.idx + last.length,
                label: first.entType, kbID: first.entKBID, id: first.entID))
        }
        return result
    }
}
