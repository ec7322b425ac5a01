/// Per-doc work arrays, reused from doc to doc so that walking a DocBin allocates nothing per doc.
struct DocScratch {
    /// Relative head offsets as `from_array` reads them (`Int32` of the low 32 bits).
    var heads: [Int] = []
    /// Whether the token's DEP is set (≠ 0): `Token.missing_head` is its negation.
    var hasDep: [Bool] = []
    var lEdge: [Int] = []
    var rEdge: [Int] = []
    var isStart: [Bool] = []
    /// `token.sent_start` after `from_array`: 1, -1 or 0.
    var sentStart: [Int8] = []
}

extension DocBin {
    /// Checks a doc's HEAD and ENT_IOB columns as `Doc.from_array` does (E190, E982) and computes
    /// every token's final `sent_start` into `scratch.sentStart` (spec §1.11). Returns whether the
    /// parse (HEAD + DEP with any DEP ≠ 0) set the sentence boundaries.
    func analyse(doc index: Int, rows: Range<Int>, scratch: inout DocScratch) throws(DecodingError) -> Bool {
        let n = rows.count
        let first = rows.lowerBound
        let table = self.table

        if let column = columns.firstHead {
            for i in 0..<n {
                let offset = Int(Int32(truncatingIfNeeded: table.value(row: first + i, column: column)))
                guard i + offset >= 0, i + offset < n else {
                    throw tokenError(doc: index, row: first + i, column: column,
                        "HEAD offset \(offset) of token \(i) points outside the doc of \(n) tokens (spaCy E190)")
                }
            }
        }
        for column in columns.entIOBChecks {
            for i in 0..<n where table.value(row: first + i, column: column) > 3 {
                throw tokenError(doc: index, row: first + i, column: column,
                    "ENT_IOB value \(table.value(row: first + i, column: column)) of token \(i), expected 0-3 (spaCy E982)")
            }
        }

        scratch.sentStart.reset(count: n, to: 0)
        scratch.sentStart.withUnsafeMutableBufferPointer { sentStart in
            if let column = columns.sentStart {
                for i in 0..<n { sentStart[i] = Int8(truncatingIfNeeded: table.value(row: first + i, column: column)) }
            } else if n > 0 {
                sentStart[0] = 1
            }
        }

        guard let headColumn = columns.head, let depColumn = columns.dep, let firstDep = columns.firstDep else { return false }
        var anyDep = false
        for i in 0..<n where table.value(row: first + i, column: firstDep) != 0 {
            anyDep = true
            break
        }
        guard anyDep else { return false }
        scratch.heads.reset(count: n, to: 0)
        scratch.hasDep.reset(count: n, to: false)
        scratch.heads.withUnsafeMutableBufferPointer { heads in
            scratch.hasDep.withUnsafeMutableBufferPointer { hasDep in
                for i in 0..<n {
                    heads[i] = Int(Int32(truncatingIfNeeded: table.value(row: first + i, column: headColumn)))
                    hasDep[i] = table.value(row: first + i, column: depColumn) != 0
                }
            }
        }
        if headColumn != columns.firstHead {
            for i in 0..<n where i + scratch.heads[i] < 0 || i + scratch.heads[i] >= n {
                throw tokenError(doc: index, row: first + i, column: headColumn,
                    "HEAD offset \(scratch.heads[i]) of token \(i) points outside the doc (spaCy E190)")
            }
        }
        SentenceBoundaries.setFromHeads(&scratch)
        return true
    }

    /// An error about one stored value, located at its bytes in the payload.
    func tokenError(doc: Int, row: Int, column: Int, _ message: String) -> DecodingError {
        let path = "tokens[doc \(doc)].\(AttributeID.name(attrs[column]))"
        return DecodingError(location: .binary(offset: cellOffset(row: row, column: column), path: path), message: message)
    }
}

/// `set_children_from_heads` of `spacy/tokens/doc.pyx`, transcribed: left/right edges are relaxed
/// up to 12 times (non-projective parses), then every token gets `sent_start = -1` and the left
/// edge of every root whose DEP is set gets 1.
enum SentenceBoundaries {
    static func setFromHeads(_ s: inout DocScratch) {
        let n = s.heads.count
        s.lEdge.reset(count: n, to: 0)
        s.rEdge.reset(count: n, to: 0)
        s.lEdge.withUnsafeMutableBufferPointer { lEdge in
            s.rEdge.withUnsafeMutableBufferPointer { rEdge in
                for i in 0..<n {
                    lEdge[i] = i
                    rEdge[i] = i
                }
            }
        }
        var loop = 0
        while true {
            let within = relaxEdges(&s)
            if within || loop > 10 { break }
            loop += 1
        }
        s.sentStart.reset(count: n, to: -1)
        s.sentStart.withUnsafeMutableBufferPointer { sentStart in
            s.heads.withUnsafeBufferPointer { heads in
                s.hasDep.withUnsafeBufferPointer { hasDep in
                    s.lEdge.withUnsafeBufferPointer { lEdge in
                        for i in 0..<n where heads[i] == 0 && hasDep[i] { sentStart[lEdge[i]] = 1 }
                    }
                }
            }
        }
    }

    /// One pass of `_set_lr_kids_and_edges`; returns whether every head lies inside its sentence.
    private static func relaxEdges(_ s: inout DocScratch) -> Bool {
        let n = s.heads.count
        s.isStart.reset(count: n, to: false)
        return s.heads.withUnsafeBufferPointer { heads in
            s.hasDep.withUnsafeBufferPointer { hasDep in
                s.lEdge.withUnsafeMutableBufferPointer { lEdge in
                    s.rEdge.withUnsafeMutableBufferPointer { rEdge in
                        s.isStart.withUnsafeMutableBufferPointer { isStart in
                            for i in 0..<n {
                                let h = i + heads[i]
                                if lEdge[i] < lEdge[h] { lEdge[h] = lEdge[i] }
                                if rEdge[i] > rEdge[h] { rEdge[h] = rEdge[i] }
                            }
                            for i in stride(from: n - 1, through: 0, by: -1) {
                                let h = i + heads[i]
                                if rEdge[i] > rEdge[h] { rEdge[h] = rEdge[i] }
                                if lEdge[i] < lEdge[h] { lEdge[h] = lEdge[i] }
                            }
                            for i in 0..<n where heads[i] == 0 && hasDep[i] { isStart[lEdge[i]] = true }
                            var sentenceStart = 0
                            for i in 0..<n where (i > 0 && isStart[i]) || i == n - 1 {
                                let sentenceEnd = i
                                for j in sentenceStart..<max(sentenceStart, sentenceEnd) {
                                    let h = heads[j] + j
                                    if h < sentenceStart || h >= sentenceEnd + 1 { return false }
                                }
                                sentenceStart = i
                            }
                            return true
                        }
                    }
                }
            }
        }
    }

    /// `Doc.sents` from final `sent_start` values: token 0 always starts; a new sentence at every
    /// later token with 1. `nil` when `has_annotation("SENT_START")` is false (spaCy's E030).
    static func sentences(_ sentStart: [Int8]) -> [Range<Int>]? {
        let n = sentStart.count
        guard isAnnotated(sentStart) else { return nil }
        var result: [Range<Int>] = []
        var start = 0
        for i in 1..<max(n, 1) where sentStart[i] == 1 {
            result.append(start..<i)
            start = i
        }
        if start != n { result.append(start..<n) }
        return result
    }

    /// `has_annotation("SENT_START")`: empty and one-token docs always; else any token from 1 on ≠ 0.
    static func isAnnotated(_ sentStart: [Int8]) -> Bool {
        let n = sentStart.count
        if n <= 1 { return true }
        for i in 1..<n where sentStart[i] != 0 { return true }
        return false
    }

    /// Number of sentences, or 0 when not annotated.
    static func count(_ sentStart: [Int8]) -> Int {
        guard isAnnotated(sentStart), !sentStart.isEmpty else { return 0 }
        var count = 1
        for i in 1..<sentStart.count where sentStart[i] == 1 { count += 1 }
        return count
    }
}

extension Array {
    /// Makes the array `count` copies of `value`, keeping its storage (scratch arrays reused per doc).
    @inline(__always) mutating func reset(count: Int, to value: Element) {
        removeAll(keepingCapacity: true)
        append(contentsOf: repeatElement(value, count: count))
    }
}
