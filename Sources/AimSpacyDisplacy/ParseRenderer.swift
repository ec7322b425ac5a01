/// One of displaCy's parsed inputs (`parse_deps`, `parse_ents`, `parse_spans` or a manual dict).
protocol DisplacyParse: Sendable {
    /// `settings` of the parse; the first parse's apply to the whole call.
    var settings: DocSettings? { get }
}

extension DependencyParse: DisplacyParse {}
extension EntityParse: DisplacyParse {}
extension SpanParse: DisplacyParse {}

/// One of displaCy's three renderers: writes the markup of parse `index` of a call.
protocol ParseRenderer: Sendable {
    associatedtype Parse: DisplacyParse
    func render(_ parse: Parse, index: Int, settings: DocSettings, into out: inout MarkupBuffer) throws(DisplacyError)
}
