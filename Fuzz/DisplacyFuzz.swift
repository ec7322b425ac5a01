import AimSpacyDecoding
import AimSpacyDisplacy
import AimSpacyModel

/// libFuzzer entry for displaCy over decoded docs: every doc a mutated DocBin yields is rendered in
/// each style, with the options that take other paths (collapsing, lemmas, compact, custom span keys,
/// page, minify, safe escaping, JSON strings). Any outcome but a trap is fine: a doc spaCy could
/// not render either is a `DisplacyError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func displacyFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: data, count: size)
    if let docBin = try? DocBin(bytes: raw, limits: InflateLimits(maximumSize: 1 << 24)) { render(docBin) }
    if let docBin = try? DocBin(payload: InflatedBuffer(copying: raw)) { render(docBin) }
    return 0
}

private let variants: [(DisplacyStyle, String)] = [
    (.dep, "{}"),
    (.dep, #"{"collapse_punct": true, "collapse_phrases": true, "add_lemma": true, "fine_grained": true}"#),
    (.dep, #"{"compact": true, "distance": 90.5, "offset_x": -3}"#),
    (.ent, "{}"),
    (.ent, #"{"ents": ["PERSON", "ORG"], "template": "<b>{text}</b>{label}{kb_link}"}"#),
    (.span, #"{"spans_key": "sc"}"#),
    (.span, #"{"spans_key": "chunks"}"#),
]

private func render(_ docBin: DocBin) {
    var docs: [Doc] = []
    for result in docBin.docs.prefix(8) {
        if case .success(let doc) = result { docs.append(doc) }
    }
    guard !docs.isEmpty else { return }
    for (style, json) in variants {
        guard let value = try? JSONValue.parse(json), let options = try? DisplacyOptions(json: value) else { continue }
        for lang in ["en", "he"] {
            _ = try? Displacy.render(docs, style: style, lang: lang, options: options)
            _ = try? Displacy.render([docs[0]], style: style, lang: lang, page: true, minify: true, options: options, escaping: .safe)
            _ = try? Displacy.renderJSONString([docs[docs.count - 1]], style: style, lang: lang, options: options)
        }
    }
}
