/// Which span groups of a doc have their spans made, as spaCy makes them only when they are used:
/// `Doc.to_json()` makes all of them, `displacy.render(style="span")` those of `spans_key`, the
/// other styles none. A span outside its doc is refused (E035) only in a group that is made.
public enum SpanGroupsMade: Sendable, Equatable {
    case all
    case named(String)
    case none

    func includes(_ group: String) -> Bool {
        switch self {
        case .all: return true
        case .named(let name): return name == group
        case .none: return false
        }
    }
}
