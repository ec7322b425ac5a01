/// A spaCy `Doc` as `DocBin.get_docs` rebuilds it: tokens with their annotations, entities,
/// sentences, span groups and categories. Character offsets count Unicode scalars, as Python does.
public struct Doc: Sendable, Equatable {
    /// The tokens in order.
    public var tokens: [Token]
    /// `Doc.ents`, built from ENT_IOB/ENT_TYPE exactly as `Doc.from_array` does.
    public var ents: [Span]
    /// `Doc.sents` as token ranges, or `nil` when the doc has no sentence annotation (spaCy's E030).
    public var sents: [Range<Int>]?
    /// `Doc.spans`, in the order the DocBin stored the keys.
    public var spanGroups: [SpanGroup]
    /// `Doc.cats`, in stored order.
    public var cats: [Category]
    /// The attributes for which `Doc.has_annotation` is true (`has_annotation("HEAD")` is judged by DEP).
    public var annotated: Set<TokenAttribute>
    /// Whether the doc was built from words without spaces (`has_unknown_spaces` flag).
    public var hasUnknownSpaces: Bool
    /// `doc.user_data["title"]` when the DocBin stored user data with a string title (displaCy shows it).
    public var title: String?

    public init(
        tokens: [Token], ents: [Span] = [], sents: [Range<Int>]? = nil, spanGroups: [SpanGroup] = [],
        cats: [Category] = [], annotated: Set<TokenAttribute> = [], hasUnknownSpaces: Bool = false,
        title: String? = nil
    ) {
        self.tokens = tokens
        self.ents = ents
        self.sents = sents
        self.spanGroups = spanGroups
        self.cats = cats
        self.annotated = annotated
        self.hasUnknownSpaces = hasUnknownSpaces
        self.title = title
    }

    /// `doc.text`: every token followed by its trailing whitespace.
    public var text: String {
        var out = ""
        for token in tokens {
            out += token.text
            if token.whitespace { out += " " }
        }
        return out
    }

    /// The span group with this name, as `doc.spans[name]`.
    public func spanGroup(named name: String) -> SpanGroup? {
        spanGroups.first { $0.name == name }
    }
}

/// One category score of `Doc.cats`.
public struct Category: Sendable, Equatable {
    public var label: String
    public var score: Double
    /// The value exactly as stored (an int stays an int), for output equal to spaCy's.
    public var value: JSONValue

    public init(label: String, score: Double, value: JSONValue? = nil) {
        self.label = label
        self.score = score
        self.value = value ?? .double(score)
    }
}
