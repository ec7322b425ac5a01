/// spaCy's English `noun_chunks` syntax iterator (`spacy/lang/en/syntax_iterators.py`), which
/// `collapse_phrases` merges.
enum EnglishNounChunks {
    private static let npDeps: Set<String> = [
        "oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT",
    ]

    /// The chunks as token ranges, in order, never nested.
    static func chunks(_ tree: DependencyTree) throws(DisplacyError) -> [Range<Int>] {
        let tokens = tree.tokens
        guard tokens.contains(where: { !$0.dep.isEmpty }) else {
            throw DisplacyError("collapse_phrases needs a dependency parse (spaCy's E029)")
        }
        var chunks: [Range<Int>] = []
        var prevEnd = -1
        for (i, word) in tokens.enumerated() {
            guard word.pos == "NOUN" || word.pos == "PROPN" || word.pos == "PRON" else { continue }
            let leftEdge = tree.lEdge[i]
            if leftEdge <= prevEnd { continue }
            if npDeps.contains(word.dep) {
                prevEnd = i
                chunks.append(leftEdge..<(i + 1))
            } else if word.dep == "conj" {
                var head = word.head
                while tokens[head].dep == "conj" && tokens[head].head < head {
                    head = tokens[head].head
                }
                if npDeps.contains(tokens[head].dep) {
                    prevEnd = i
                    chunks.append(leftEdge..<(i + 1))
                }
            }
        }
        return chunks
    }
}
