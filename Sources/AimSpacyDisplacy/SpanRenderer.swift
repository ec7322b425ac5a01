import AimSpacyModel

/// displaCy's `SpanRenderer`: tokens underlined by stacked, possibly overlapping spans. The LTR
/// templates are used for every direction, as in spaCy.
struct SpanRenderer: ParseRenderer {
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

    private struct Entity {
        var label: String
        var isStart: Bool
        var slot: Int
        var kbLink: MarkupBuffer
    }

    /// `render_spans(tokens, spans, title)`, written into `out`.
    func render(_ parse: SpanParse, index: Int, settings: DocSettings, into out: inout MarkupBuffer) throws(DisplacyError) {
        out.bytes.reserveCapacity(out.count + parse.tokens.count * 16 + parse.spans.count * 800 + 256)
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
        let escaped = escaping == .safe
        if let title = parse.title, !title.isEmpty {
            Templates.title(&out, title: DocText(title, escaped: escaped))
        }
        var slots = Array(repeating: 0, count: spans.count)
        var pieces = TokenPieces(escapesJSON: out.escapesJSON && templates == nil)
        try Templates.spans(&out, dir: settings.direction) { (out) throws(DisplacyError) in
            for (idx, token) in parse.tokens.enumerated() {
                var lastSlot: Int?
                var entities: [Entity] = []
                for (k, span) in spans.enumerated() {
                    if span.startToken <= idx && idx < span.endToken {
                        let isStart = idx == span.startToken
                        if isStart { slots[k] = (lastSlot ?? 0) + 1 }
                        lastSlot = slots[k]
                        var kbLink = MarkupBuffer()
                        if !span.kbID.isEmpty {
                            Templates.kbLink(
                                &kbLink, kb_url: DocText(span.kbURL, escaped: escaped),
                                kb_id: DocText(span.kbID, escaped: escaped))
                        }
                        entities.append(Entity(label: span.label, isStart: isStart, slot: slots[k], kbLink: kbLink))
                    } else {
                        slots[k] = 0
                    }
                }
                if !entities.isEmpty && !PythonWhitespace.isBlank(token) {
                    try writeToken(token, entities, pieces: &pieces, into: &out)
                } else {
                    out.append(escapingHTML: token)
                    out.append(byte: 0x20)
                }
            }
        }
    }

    /// The slices and starts of one token, kept between tokens so their buffers are reused.
    /// (Custom templates format them as text, so they stay plain then.)
    private struct TokenPieces {
        var slices: MarkupBuffer
        var starts: MarkupBuffer

        init(escapesJSON: Bool) {
            slices = MarkupBuffer(escapesJSON: escapesJSON)
            starts = MarkupBuffer(escapesJSON: escapesJSON)
        }
    }

    private func writeToken(
        _ token: String, _ entities: [Entity], pieces: inout TokenPieces, into out: inout MarkupBuffer
    ) throws(DisplacyError) {
        pieces.slices.removeAll()
        pieces.starts.removeAll()
        let escaped = escaping == .safe
        for entity in entities {
            let bg = colors[PythonText.upper(entity.label)] ?? defaultEntityColor
            let top = topOffset + offsetStep * .int(entity.slot - 1)
            let label = DocText(entity.label, escaped: escaped)
            if let templates {
                let topText = top.description
                pieces.slices.append(try templates.slice.format(["bg": bg, "top_offset": topText]))
                if entity.isStart {
                    pieces.starts.append(
                        try templates.start.format([
                            "bg": bg, "top_offset": topText, "label": label.string,
                            "kb_link": entity.kbLink.string,
                        ]))
                }
            } else {
                Templates.spanSlice(&pieces.slices, bg: bg, top_offset: top)
                if entity.isStart {
                    Templates.spanStart(&pieces.starts, bg: bg, top_offset: top, label: label, kb_link: entity.kbLink)
                }
            }
        }
        let total = topOffset + spanLabelOffset + offsetStep * .int(entities.count - 1)
        if let templates {
            var text = MarkupBuffer()
            text.append(escapingHTML: token)
            out.append(
                try templates.span.format([
                    "text": text.string, "span_slices": pieces.slices.string, "span_starts": pieces.starts.string,
                    "total_height": total.description,
                ]))
        } else {
            Templates.span(
                &out, total_height: total, text: DocText(token, escaped: true), span_slices: pieces.slices,
                span_starts: pieces.starts)
        }
    }
}
