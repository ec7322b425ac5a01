/// A span of tokens (`Span`), as found in `Doc.ents` and span groups.
public struct Span: Sendable, Equatable {
    /// First token index.
    public var start: Int
    /// Token index one past the last token.
    public var end: Int
    /// Offset of the first character, in Unicode scalars.
    public var startChar: Int
    /// Offset one past the last character, in Unicode scalars.
    public var endChar: Int
    public var label: String
    public var kbID: String
    /// `span.id_`.
    public var id: String

    public init(start: Int, end: Int, startChar: Int, endChar: Int, label: String, kbID: String = "", id: String = "") {
        self.start = start
        self.end = end
        self.startChar = startChar
        self.endChar = endChar
        self.label = label
        self.kbID = kbID
        self.id = id
    }
}

/// A named group of possibly overlapping spans (`doc.spans[name]`).
public struct SpanGroup: Sendable, Equatable {
    public var name: String
    public var spans: [Span]

    public init(name: String, spans: [Span]) {
        self.name = name
        self.spans = spans
    }
}
