import AimSpacyModel

/// displaCy's converters from a `Doc`: `parse_deps`, `parse_ents`, `parse_spans`.
public enum Converters {
    /// Languages whose noun chunks `collapse_phrases` can compute.
    public static let nounChunkLanguages: Set<String> = ["en"]

    /// `parse_deps(doc, options)`: words and arcs after `collapse_phrases` and `collapse_punct`.
    public static func parseDeps(_ doc: Doc, options: DisplacyOptions, settings: DocSettings) throws(DisplacyError)
        -> DependencyParse
    {
        var tree = DependencyTree(doc: doc)
        if options.flag("collapse_phrases", default: false) {
            guard nounChunkLanguages.contains(settings.lang) else {
                throw DisplacyError("collapse_phrases needs noun chunks, which exist here only for English, not '\(settings.lang)'")
            }
            var merges: [DependencyTree.Merge] = []
            for chunk in try EnglishNounChunks.chunks(tree) {
                let root = tree.tokens[try tree.root(of: chunk)]
                merges.append(.init(range: chunk, tag: root.tag, lemma: root.lemma))
            }
            try tree.merge(merges)
        }
        if options.flag("collapse_punct", default: true) {
            var merges: [DependencyTree.Merge] = []
            let tokens = tree.tokens
            for (i, word) in tokens.enumerated().dropLast() {
                if word.isPunct || !tokens[i + 1].isPunct { continue }
                var end = i + 1
                while end < tokens.count && tokens[end].isPunct { end += 1 }
                merges.append(.init(range: i..<end, tag: word.tag, lemma: word.lemma))
            }
            try tree.merge(merges)
        }
        let fineGrained = options.flag("fine_grained", default: false)
        let addLemma = options.flag("add_lemma", default: false)
        let tokens = tree.tokens
        let words = tokens.map {
            DependencyParse.Word(text: $0.text, tag: fineGrained ? $0.tag : $0.pos, lemma: addLemma ? $0.lemma : nil)
        }
        var arcs: [DependencyParse.Arc] = []
        for (i, word) in tokens.enumerated() {
            if i < word.head {
                arcs.append(.init(start: i, end: word.head, label: word.dep, dir: "left"))
            } else if i > word.head {
                arcs.append(.init(start: word.head, end: i, label: word.dep, dir: "right"))
            }
        }
        return DependencyParse(words: words, arcs: arcs, settings: settings)
    }

    /// `parse_ents(doc, options)`.
    public static func parseEnts(_ doc: Doc, options: DisplacyOptions, settings: DocSettings) throws(DisplacyError)
        -> EntityParse
    {
        let kbURL = try options.kbURLTemplate()
        var ents: [EntityParse.Entity] = []
        ents.reserveCapacity(doc.ents.count)
        for ent in doc.ents {
            ents.append(
                .init(
                    start: ent.startChar, end: ent.endChar, label: ent.label, kbID: ent.kbID,
                    kbURL: try kbURL?.format(positional: [ent.kbID]) ?? "#"))
        }
        return EntityParse(text: doc.text, ents: ents, title: doc.title, settings: settings)
    }

    /// `parse_spans(doc, options)`: the group `options["spans_key"]` (default `sc`).
    public static func parseSpans(_ doc: Doc, options: DisplacyOptions, settings: DocSettings) throws(DisplacyError)
        -> SpanParse
    {
        let kbURL = try options.kbURLTemplate()
        let key = options.spansKey
        var spans: [SpanParse.Span] = []
        for span in doc.spanGroup(named: key)?.spans ?? [] {
            spans.append(
                .init(
                    startToken: span.start, endToken: span.end, label: span.label, kbID: span.kbID,
                    kbURL: try kbURL?.format(positional: [span.kbID]) ?? "#"))
        }
        return SpanParse(tokens: doc.tokens.map(\.text), spans: spans, title: doc.title, settings: settings)
    }
}
