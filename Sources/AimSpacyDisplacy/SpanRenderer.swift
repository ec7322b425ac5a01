import AimSpacyModel

/// displaCy's `SpanRenderer`: tokens underlined by stacked, possibly overlapping spans. The LTR
/// templates are used for every direction, as in spaCy.
struct SpanRenderer: Sendable {
    let colors: [String: String]
    let topOffset: PyNumber
    let spanLabelOffset: PyNumber
    let offsetStep: PyNumber
    let templates: (span: PythonFormat, slice: PythonFormat, start: PythonFormat)?
    let escaping: DisplacyEscaping

    init(options: DisplacyOptions, escaping: DisplacyEscaping) throws(DisplacyError) {
        colors = try options.colors()
        topOffset = try options.number("top_offset", default: 40)
        spanLabelOffset = try options.number("span_label_offset", default: 20)
        offsetStep = try options.number("top_offset_step", default: 17)
        if let t = options["template"], PythonText.truthy(t) {
            guard case .string(let span)? = t["span"], case .string(let slice)? = t["slice"],
                case .string(let start)? = t["start"]
            else {
                throw DisplacyError("options.template: expected an object with string \"span\", \"slice\" and \"start\"")
            }
            templates = (try PythonFormat(span), try PythonFormat(slice), try PythonFormat(start))
        } else {
            templates = nil
        }
        self.escaping = escaping
    }

    private func raw(_ s: String) -> String { escaping == .safe ? PythonText.escapeHTML(s) : s }

    private struct Entity {
        var label: String
        var isStart: Bool
        var slot: Int
        var kbLink: String
    }

    /// `render_spans(tokens, spans, title)`.
    func render(_ parse: SpanParse, settings: DocSettings) throws(DisplacyError) -> String {
        // `_assemble_per_token_info`: sort by start, longer first, then label.
        let spans = parse.spans.enumerated().sorted { a, b in
            let x = a.element
            let y = b.element
            if x.startToken != y.startToken { return x.startToken < y.startToken }
            let lx = x.endToken - x.startToken
            let ly = y.endToken - y.startToken
            if lx != ly { return lx > ly }
            if x.label != y.label { return PythonText.less(x.label, y.label) }
            return a.offset < b.offset
        }.map(\.element)
        var slots = Array(repeating: 0, count: spans.count)
        var markup = ""
        for (idx, token) in parse.tokens.enumerated() {
            var lastSlot: Int?
            var entities: [Entity] = []
            for (k, span) in spans.enumerated() {
                if span.startToken <= idx && idx < span.endToken {
                    let isStart = idx == span.startToken
                    if isStart { slots[k] = (lastSlot ?? 0) + 1 }
                    lastSlot = slots[k]
                    let kbLink =
                        span.kbID.isEmpty ? "" : Templates.kbLink(kb_url: raw(span.kbURL), kb_id: raw(span.kbID))
                    entities.append(Entity(label: span.label, isStart: isStart, slot: slots[k], kbLink: kbLink))
                } else {
                    slots[k] = 0
                }
            }
            if !entities.isEmpty && !PythonText.isBlank(token) {
                markup += try renderToken(token, entities)
            } else {
                markup += PythonText.escapeHTML(token + " ")
            }
        }
        markup = Templates.spans(dir: settings.direction, content: markup)
        if let title = parse.title, !title.isEmpty {
            markup = Templates.title(title: raw(title)) + markup
        }
        return markup
    }

    private func renderToken(_ token: String, _ entities: [Entity]) throws(DisplacyError) -> String {
        var slices = ""
        var starts = ""
        for entity in entities {
            let bg = colors[PythonText.upper(entity.label)] ?? defaultEntityColor
            let top = (topOffset + offsetStep * .int(entity.slot - 1)).description
            if let templates {
                slices += try templates.slice.format(["bg": bg, "top_offset": top])
                if entity.isStart {
                    starts += try templates.start.format([
                        "bg": bg, "top_offset": top, "label": raw(entity.label), "kb_link": entity.kbLink,
                    ])
                }
            } else {
                slices += Templates.spanSlice(bg: bg, top_offset: top)
                if entity.isStart {
                    starts += Templates.spanStart(bg: bg, top_offset: top, label: raw(entity.label), kb_link: entity.kbLink)
                }
            }
        }
        let total = (topOffset + spanLabelOffset + offsetStep * .int(entities.count - 1)).description
        let text = PythonText.escapeHTML(token)
        if let templates {
            return try templates.span.format([
                "text": text, "span_slices": slices, "span_starts": starts, "total_height": total,
            ])
        }
        return Templates.span(total_height: total, text: text, span_slices: slices, span_starts: starts)
    }
}
