/// spaCy's symbol table (`spacy.symbols.NAMES`): 457 names whose string ID is their index instead of
/// a MurmurHash (spec Appendix A).
enum Symbols {
    /// The names, ID = index.
    static let names: [String] = {
        var names = [""]
        names += [
            "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER",
            "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP", "IS_OOV_DEPRECATED", "IS_BRACKET", "IS_QUOTE",
            "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
        ]
        names += (19...63).map { "FLAG\($0)" }
        names += [
            "ID", "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "CLUSTER", "LEMMA", "POS", "TAG",
            "DEP", "ENT_IOB", "ENT_TYPE", "HEAD", "SENT_START", "SPACY", "PROB", "LANG",
        ]
        names += [
            "ADJ", "ADP", "ADV", "AUX", "CONJ", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
            "PUNCT", "SCONJ", "SYM", "VERB", "X", "EOL", "SPACE",
        ]
        names += (1...276).map { n in
            let digits = String(n)
            return "DEPRECATED" + String(repeating: "0", count: 3 - digits.count) + digits
        }
        names += [
            "PERSON", "NORP", "FACILITY", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE",
            "LAW", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
        ]
        names += [
            "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "cc", "ccomp",
            "complm", "conj", "cop", "csubj", "csubjpass", "dep", "det", "dobj", "expl", "hmod", "hyph",
            "infmod", "intj", "iobj", "mark", "meta", "neg", "nmod", "nn", "npadvmod", "nsubj", "nsubjpass",
            "num", "number", "oprd", "obj", "obl", "parataxis", "partmod", "pcomp", "pobj", "poss",
            "possessive", "preconj", "prep", "prt", "punct", "quantmod", "relcl", "rcmod", "root", "xcomp",
            "acl",
        ]
        names += ["ENT_KB_ID", "MORPH", "ENT_ID", "IDX", "_"]
        return names
    }()

    /// Name → ID for the symbol names.
    static let ids: [String: UInt64] = {
        var ids: [String: UInt64] = [:]
        for (i, name) in names.enumerated() { ids[name] = UInt64(i) }
        return ids
    }()

    /// IDs below this are symbols.
    static var count: UInt64 { UInt64(names.count) }
}
