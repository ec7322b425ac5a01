import AimSpacyDisplacy

/// What `aim-spacy displacy FILE.spacy ...` asks for.
public struct DisplacyRequest: Sendable, Equatable {
    /// The `.spacy` file.
    public var path: String
    public var style: DisplacyStyle
    /// `doc.lang_` for the render (a DocBin does not store it); also picks the direction.
    public var lang: String
    /// The `options` dict as JSON text, or `nil` for `{}`.
    public var optionsJSON: String?
    /// At most this many docs (all when `nil`).
    public var limit: Int?
    /// Docs to skip first.
    public var offset: Int
    /// `page=True`.
    public var page: Bool
    /// One JSON string per doc instead of one markup for all.
    public var jsonl: Bool

    public init(
        path: String, style: DisplacyStyle, lang: String = "en", optionsJSON: String? = nil, limit: Int? = nil,
        offset: Int = 0, page: Bool = false, jsonl: Bool = false
    ) {
        self.path = path
        self.style = style
        self.lang = lang
        self.optionsJSON = optionsJSON
        self.limit = limit
        self.offset = offset
        self.page = page
        self.jsonl = jsonl
    }
}
