import AimSpacyModel

extension DocBin {
    /// Doc `index`, rebuilt as `DocBin.get_docs` + `Doc.from_array` rebuild it (spec §1.11), with
    /// the spans of the span groups `made` checked against it (all: as `Doc.to_json()` needs them).
    public func doc(at index: Int, spanGroupsMade made: SpanGroupsMade = .all) throws(DecodingError) -> Doc {
        var scratch = DocScratch()
        return try doc(at: index, scratch: &scratch, spanGroupsMade: made)
    }

    /// Calls `body` with every doc in order, decoding one at a time from the one payload buffer.
    public func forEachDoc<E: Error>(_ body: (Int, Doc) throws(E) -> Void) throws(DocBinIterationError<E>) {
        var scratch = DocScratch()
        for index in 0..<count {
            let doc: Doc
            do { doc = try self.doc(at: index, scratch: &scratch) } catch { throw .decoding(error) }
            do { try body(index, doc) } catch { throw .body(error) }
        }
    }

    /// The docs as a sequence of results, one decoded per step (`for doc in docBin.docs`).
    public var docs: Docs { Docs(docBin: self) }

    func doc(at index: Int, scratch: inout DocScratch, spanGroupsMade made: SpanGroupsMade = .all) throws(DecodingError) -> Doc {
        precondition(index >= 0 && index < count, "doc index out of range")
        let rows = self.rows(of: index)
        _ = try analyse(doc: index, rows: rows, scratch: &scratch)
        let unknownSpaces = try hasUnknownSpaces(doc: index)

        var tokens: [Token] = []
        tokens.reserveCapacity(rows.count)
        var annotated: Set<TokenAttribute> = []
        var idx = 0
        let annotationColumns = columns.annotation
        var columnAnnotated = Array(repeating: false, count: annotationColumns.count)
        for (i, row) in rows.enumerated() {
            func string(_ column: Int?) throws(DecodingError) -> String {
                guard let column else { return "" }
                let id = value(row: row, column: column)
                guard let text = strings[id] else {
                    throw tokenError(doc: index, row: row, column: column,
                        "string ID \(id) of token \(i) is not in `strings` nor a symbol")
                }
                return text
            }
            let text = try string(columns.orth)
            var whitespace = unknownSpaces ? true : space(row: row)
            if let column = columns.spacy { whitespace = value(row: row, column: column) != 0 }
            var token = Token(text: text, whitespace: whitespace, idx: idx)
            idx += token.length + (whitespace ? 1 : 0)
            if let column = columns.norm {
                let id = value(row: row, column: column)
                token.norm = id == 0 ? "" : (strings[id] ?? text)
            } else {
                token.norm = text.lowercased()
            }
            token.lemma = try string(columns.lemma)
            token.tag = try string(columns.tag)
            if let column = columns.pos {
                let id = value(row: row, column: column)
                guard id < Symbols.count else {
                    throw tokenError(doc: index, row: row, column: column, "POS \(id) of token \(i) is not a UPOS symbol ID")
                }
                token.pos = Symbols.names[Int(id)]
            }
            token.morph = try morph(columns.morph, row: row, doc: index, token: i)
            token.hasMorph = columns.morph.map { value(row: row, column: $0) != 0 } ?? false
            token.dep = try string(columns.dep)
            let hasDep = columns.dep.map { value(row: row, column: $0) != 0 } ?? false
            if let column = columns.head, hasDep {
                token.head = i + Int(Int32(truncatingIfNeeded: value(row: row, column: column)))
            } else {
                token.head = i
            }
            if let column = columns.entIOB {
                token.entIOB = EntityIOB(rawValue: UInt8(truncatingIfNeeded: value(row: row, column: column))) ?? .missing
            }
            token.entType = try string(columns.entType)
            token.entKBID = try string(columns.entKBID)
            if let column = columns.entID {
                let id = value(row: row, column: column)
                token.entID = strings[id] ?? ""
            }
            token.sentStart = scratch.sentStart[i]
            if !columns.extra.isEmpty {
                token.extra = try extraValues(row: row, doc: index, token: i, text: text)
            }
            for (k, (column, _)) in annotationColumns.enumerated() where value(row: row, column: column) != 0 {
                columnAnnotated[k] = true
            }
            tokens.append(token)
        }
        for (k, (_, attribute)) in annotationColumns.enumerated() where columnAnnotated[k] { annotated.insert(attribute) }
        if rows.isEmpty {
            annotated = Set(TokenAttribute.allCases)
        } else {
            if annotated.contains(.dep) { annotated.insert(.head) }
            annotated.remove(.sentStart)
            if SentenceBoundaries.isAnnotated(scratch.sentStart) { annotated.insert(.sentStart) }
            annotated.insert(.orth)
            annotated.remove(.spacy)
        }

        var doc = Doc(tokens: tokens, annotated: annotated, hasUnknownSpaces: unknownSpaces)
        doc.ents = try entities(tokens, doc: index, rows: rows)
        doc.sents = SentenceBoundaries.sentences(scratch.sentStart)
        doc.cats = try categories(doc: index)
        doc.spanGroups = try spanGroups(doc: index, made: made)
        doc.title = try title(doc: index)
        return doc
    }

    /// `str(token.morph)`: the FEATS string, `""` for unset (0) and for annotated-but-empty (`_`).
    private func morph(_ column: Int?, row: Int, doc: Int, token: Int) throws(DecodingError) -> String {
        guard let column else { return "" }
        let id = value(row: row, column: column)
        guard let feats = strings[id] else {
            throw tokenError(doc: doc, row: row, column: column, "MORPH string ID \(id) of token \(token) is not in `strings`")
        }
        return feats == "_" ? "" : feats
    }
}

/// What stopped `DocBin.forEachDoc`: a doc that failed to decode, or the caller's own error.
public enum DocBinIterationError<Body: Error>: Error {
    case decoding(DecodingError)
    case body(Body)
}

/// The docs of a `DocBin` as a sequence, decoded one per step; each element is the doc or the
/// error that decoding it raised.
public struct Docs: Sequence {
    let docBin: DocBin

    public struct Iterator: IteratorProtocol {
        let docBin: DocBin
        var index = 0
        var scratch = DocScratch()

        public mutating func next() -> Result<Doc, DecodingError>? {
            guard index < docBin.count else { return nil }
            defer { index += 1 }
            do { return .success(try docBin.doc(at: index, scratch: &scratch)) } catch { return .failure(error) }
        }
    }

    public func makeIterator() -> Iterator { Iterator(docBin: docBin) }
}
