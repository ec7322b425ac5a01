/// One token of a `Doc`, with every attribute a DocBin can hold, resolved to strings.
/// A string attribute that was never set is the empty string (spaCy's hash 0).
public struct Token: Sendable, Equatable {
    /// `token.text` (ORTH).
    public var text: String
    /// Whether a space follows the token (`token.whitespace_ == " "`).
    public var whitespace: Bool
    /// `token.idx`: offset of the first character in `doc.text`, in Unicode scalars.
    public var idx: Int
    public var norm: String
    public var lemma: String
    /// Fine-grained tag (`tag_`).
    public var tag: String
    /// Universal part of speech (`pos_`).
    public var pos: String
    /// Morphological features string (`str(token.morph)`).
    public var morph: String
    /// `token.has_morph()`: the morphology is set, possibly to the empty analysis `_` (`morph` is `""` then too).
    public var hasMorph: Bool
    /// Dependency label (`dep_`).
    public var dep: String
    /// Absolute index of the syntactic head (`token.head.i`); the token's own index for roots.
    public var head: Int
    public var entIOB: EntityIOB
    public var entType: String
    public var entKBID: String
    public var entID: String
    /// `token.sent_start` as stored: 1 starts a sentence, -1 does not, 0 unknown.
    public var sentStart: Int8
    /// Other hash-valued attributes a user stored, by attribute name (e.g. `SHAPE`).
    public var extra: [String: String]

    public init(
        text: String, whitespace: Bool = true, idx: Int = 0, norm: String = "", lemma: String = "",
        tag: String = "", pos: String = "", morph: String = "", hasMorph: Bool? = nil, dep: String = "", head: Int = 0,
        entIOB: EntityIOB = .missing, entType: String = "", entKBID: String = "", entID: String = "",
        sentStart: Int8 = 0, extra: [String: String] = [:]
    ) {
        self.text = text
        self.whitespace = whitespace
        self.idx = idx
        self.norm = norm
        self.lemma = lemma
        self.tag = tag
        self.pos = pos
        self.morph = morph
        self.hasMorph = hasMorph ?? !morph.isEmpty
        self.dep = dep
        self.head = head
        self.entIOB = entIOB
        self.entType = entType
        self.entKBID = entKBID
        self.entID = entID
        self.sentStart = sentStart
        self.extra = extra
    }

    /// Length of `text` in Unicode scalars (Python's `len(token.text)`).
    public var length: Int { text.unicodeScalars.count }
}

/// ENT_IOB as spaCy stores it: `IOB_STRINGS = ("", "I", "O", "B")`.
public enum EntityIOB: UInt8, Sendable, Equatable {
    case missing = 0
    case inside = 1
    case outside = 2
    case begin = 3
}

/// The token attributes a DocBin can name in its `attrs` list (spaCy's attribute IDs).
public enum TokenAttribute: String, Sendable, Hashable, CaseIterable, Comparable {
    case orth = "ORTH", norm = "NORM", lemma = "LEMMA", tag = "TAG", pos = "POS", morph = "MORPH"
    case head = "HEAD", dep = "DEP", entIOB = "ENT_IOB", entType = "ENT_TYPE", entKBID = "ENT_KB_ID"
    case entID = "ENT_ID", sentStart = "SENT_START", spacy = "SPACY"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
