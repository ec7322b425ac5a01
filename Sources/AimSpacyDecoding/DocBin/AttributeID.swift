/// spaCy's token attribute IDs (`spacy/attrs.pxd`) that a DocBin's `attrs` list holds.
public enum AttributeID {
    public static let orth: UInt64 = 65
    public static let lower: UInt64 = 66
    public static let norm: UInt64 = 67
    public static let shape: UInt64 = 68
    public static let prefix: UInt64 = 69
    public static let suffix: UInt64 = 70
    public static let length: UInt64 = 71
    public static let lemma: UInt64 = 73
    public static let pos: UInt64 = 74
    public static let tag: UInt64 = 75
    public static let dep: UInt64 = 76
    public static let entIOB: UInt64 = 77
    public static let entType: UInt64 = 78
    public static let head: UInt64 = 79
    public static let sentStart: UInt64 = 80
    public static let spacy: UInt64 = 81
    public static let lang: UInt64 = 83
    public static let entKBID: UInt64 = 452
    public static let morph: UInt64 = 453
    public static let entID: UInt64 = 454
    public static let idx: UInt64 = 455

    /// The attribute's name (`ORTH`, `LEMMA`, …), or its number when it has none.
    public static func name(_ id: UInt64) -> String {
        id > 0 && id < Symbols.count ? Symbols.names[Int(id)] : String(id)
    }

    /// Attributes whose stored values are plain integers, not string IDs.
    static func isInteger(_ id: UInt64) -> Bool {
        (1...63).contains(id) || id == 64 || id == length || id == idx
    }
}
