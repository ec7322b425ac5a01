import AimSpacyModel
import Foundation

/// Builds a `Doc` from spaCy's `Doc.to_json()` (as in `Fixtures/expected/dev.docs.jsonl`), for tests
/// that must not wait for the DocBin decoder. Whitespace is read off the text between tokens.
enum DocJSON {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func doc(_ json: JSONValue) throws -> Doc {
        guard let text = json["text"]?.stringValue, case .array(let tokensJSON)? = json["tokens"] else {
            throw Failure(description: "to_json: expected text and tokens")
        }
        let scalars = Array(text.unicodeScalars)
        func slice(_ s: Int, _ e: Int) -> String { String(String.UnicodeScalarView(scalars[s..<e])) }
        func int(_ v: JSONValue?) throws -> Int {
            guard case .int(let i)? = v else { throw Failure(description: "to_json: expected an integer") }
            return i
        }
        var tokens: [Token] = []
        var startIndex: [Int: Int] = [:]
        var endIndex: [Int: Int] = [:]
        for (i, t) in tokensJSON.enumerated() {
            let start = try int(t["start"])
            let end = try int(t["end"])
            let nextStart = i + 1 < tokensJSON.count ? try int(tokensJSON[i + 1]["start"]) : scalars.count
            startIndex[start] = i
            endIndex[end] = i + 1
            tokens.append(
                Token(
                    text: slice(start, end), whitespace: nextStart > end, idx: start,
                    lemma: t["lemma"]?.stringValue ?? "", tag: t["tag"]?.stringValue ?? "",
                    pos: t["pos"]?.stringValue ?? "", morph: t["morph"]?.stringValue ?? "",
                    dep: t["dep"]?.stringValue ?? "", head: try int(t["head"])))
        }
        func span(_ s: JSONValue) throws -> Span {
            let startChar = try int(s["start"])
            let endChar = try int(s["end"])
            guard let start = startIndex[startChar], let end = endIndex[endChar] else {
                throw Failure(description: "to_json: span \(startChar)..<\(endChar) not on token boundaries")
            }
            return Span(
                start: start, end: end, startChar: startChar, endChar: endChar, label: s["label"]?.stringValue ?? "",
                kbID: s["kb_id"]?.stringValue ?? "")
        }
        var ents: [Span] = []
        if case .array(let e)? = json["ents"] { ents = try e.map(span) }
        var groups: [SpanGroup] = []
        if case .object(let members)? = json["spans"] {
            for (name, value) in members {
                guard case .array(let spans) = value else { continue }
                groups.append(SpanGroup(name: name, spans: try spans.map(span)))
            }
        }
        var annotated: Set<TokenAttribute> = []
        if tokens.contains(where: { !$0.dep.isEmpty }) { annotated.formUnion([.dep, .head]) }
        return Doc(tokens: tokens, ents: ents, spanGroups: groups, annotated: annotated, title: json["title"]?.stringValue)
    }
}
