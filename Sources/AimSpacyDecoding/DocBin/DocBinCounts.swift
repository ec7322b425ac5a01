/// What `aim-spacy docbin stats` reports about a DocBin, counted column by column without
/// making any `Doc` (`DocBin.counts()`).
public struct DocBinCounts: Sendable, Equatable {
    /// Per category label: in how many docs it occurs, and in how many with a score ≥ 0.5.
    public struct CategoryCount: Sendable, Equatable {
        public var docs = 0
        public var positive = 0
    }

    public var docs = 0
    public var tokens = 0
    /// Sentences of the docs that have sentence annotation (`has_annotation("SENT_START")`).
    public var sentences = 0
    /// Docs without sentence annotation (spaCy's `doc.sents` raises E030 for them).
    public var docsWithoutSentences = 0
    /// `Doc.ents` by label.
    public var entities: [String: Int] = [:]
    /// Span groups by name, then spans by label.
    public var spans: [String: [String: Int]] = [:]
    public var cats: [String: CategoryCount] = [:]
    /// The `attrs` list by name, in file order.
    public var attributes: [String] = []
    public var docsWithUnknownSpaces = 0
    /// Docs with stored user data (skipped, only counted).
    public var docsWithUserData = 0
    public var compressedSize = 0
    public var inflatedSize = 0

    public init() {}

    /// Number of entities over all labels.
    public var entityCount: Int { entities.values.reduce(0, +) }
}
