import AimSpacyModel

/// Where each attribute spaCy writes back on load sits in the `tokens` table. For a duplicated
/// attribute the last column wins (its value is written last), except where spaCy looks up
/// `attrs.index(...)`, which finds the first (ORTH, and the HEAD/DEP checks).
struct Columns: Sendable {
    var orth = 0
    var norm: Int?
    var lemma: Int?
    var tag: Int?
    var pos: Int?
    var morph: Int?
    var dep: Int?
    var firstDep: Int?
    var head: Int?
    var firstHead: Int?
    var entIOB: Int?
    var firstEntIOB: Int?
    /// The ENT_IOB columns whose values must be 0–3: the one `from_array` checks and the one it keeps.
    var entIOBChecks: [Int] = []
    var entType: Int?
    var entKBID: Int?
    var entID: Int?
    var sentStart: Int?
    var spacy: Int?
    /// Every other column: (column, attribute ID), in file order.
    var extra: [(column: Int, id: UInt64)] = []
    /// The columns whose non-zero values make `has_annotation` true, with their attribute.
    var annotation: [(column: Int, attribute: TokenAttribute)] = []

    init(attrs: [UInt64], reader: MsgPackReader) throws(DecodingError) {
        guard let orth = attrs.firstIndex(of: AttributeID.orth) else {
            throw reader.error("`attrs` has no ORTH (65): a DocBin always stores the token texts", at: 0)
        }
        self.orth = orth
        for (column, id) in attrs.enumerated() {
            switch id {
            case AttributeID.orth: break
            case AttributeID.norm: norm = column
            case AttributeID.lemma: lemma = column
            case AttributeID.tag: tag = column
            case AttributeID.pos: pos = column
            case AttributeID.morph: morph = column
            case AttributeID.dep:
                dep = column
                if firstDep == nil { firstDep = column }
            case AttributeID.head:
                head = column
                if firstHead == nil { firstHead = column }
            case AttributeID.entIOB:
                entIOB = column
                if firstEntIOB == nil { firstEntIOB = column }
            case AttributeID.entType: entType = column
            case AttributeID.entKBID: entKBID = column
            case AttributeID.entID: entID = column
            case AttributeID.sentStart: sentStart = column
            case AttributeID.spacy: spacy = column
            default: extra.append((column, id))
            }
        }
        entIOBChecks = Array(Set([firstEntIOB, entIOB].compactMap { $0 })).sorted()
        let annotating: [(Int?, TokenAttribute)] = [
            (norm, .norm), (lemma, .lemma), (tag, .tag), (pos, .pos), (morph, .morph), (dep, .dep),
            (entIOB, .entIOB), (entType, .entType), (entKBID, .entKBID), (entID, .entID),
        ]
        for (column, attribute) in annotating { if let column { annotation.append((column, attribute)) } }
    }
}
