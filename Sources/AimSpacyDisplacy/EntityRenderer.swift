import AimSpacyModel

/// displaCy's `EntityRenderer`: text with `<mark>`ed entities. The LTR `TPL_ENT` is used for every
/// direction, as spaCy picks its template before it knows the doc's direction.
struct EntityRenderer: ParseRenderer {
    let colors: [String: String]
    /// Upper-cased labels to highlight, or `nil` for all.
    let filter: Set<String>?
    let template: PythonFormat?
    let escaping: DisplacyEscaping

    init(options: DisplacyOptions, escaping: DisplacyEscaping) throws(DisplacyError) {
        colors = try options.colors()
        switch options["ents"] {
        case nil, .null?: filter = nil
        case .array(let labels)?: filter = Set(labels.map { PythonText.upper(PythonText.str($0)) })
        case let other?: throw DisplacyError("options.ents: expected a list of labels, got \(other.serialized())")
        }
        if let t = options["template"], PythonText.truthy(t) {
            guard case .string(let s) = t else { throw DisplacyError("options.template: expected a string") }
            template = try PythonFormat(s)
        } else {
            template = nil
        }
        self.escaping = escaping
    }

    /// `render_ents(text, spans, title)`, written into `out`.
    func render(_ parse: EntityParse, index: Int, settings: DocSettings, into out: inout MarkupBuffer) throws(DisplacyError) {
        out.bytes.reserveCapacity(out.count + parse.text.utf8.count * 2 + parse.ents.count * 360 + 256)
        let escaped = escaping == .safe
        if let title = parse.title, !title.isEmpty {
            Templates.title(&out, title: DocText(title, escaped: escaped))
        }
        let text = CodePointText(parse.text)
        try Templates.ents(&out, dir: settings.direction) { (out) throws(DisplacyError) in
            var offset = 0
            for ent in parse.ents {
                var kbLink = MarkupBuffer()
                if !ent.kbID.isEmpty {
                    Templates.kbLink(
                        &kbLink, kb_url: DocText(ent.kbURL, escaped: escaped), kb_id: DocText(ent.kbID, escaped: escaped))
                }
                let entity = EscapedBytes(bytes: text.bytes(ent.start, ent.end))
                EscapedBytes(bytes: text.bytes(offset, ent.start), breaks: true).write(to: &out)
                let upper = PythonText.upper(ent.label)
                if filter == nil || filter?.contains(upper) == true {
                    let bg = colors[upper] ?? defaultEntityColor
                    if template == nil && ent.params.isEmpty {
                        Templates.ent(&out, bg: bg, text: entity, label: DocText(ent.label, escaped: escaped), kb_link: kbLink)
                    } else {
                        try writeCustom(ent, bg: bg, entity: entity, kbLink: kbLink, into: &out)
                    }
                } else {
                    entity.write(to: &out)
                }
                offset = ent.end
            }
            EscapedBytes(bytes: text.bytes(offset, text.count), breaks: true).write(to: &out)
        }
    }

    /// An entity with a custom `template` or manual `params`: `ent_settings.update(params)`, then `format`.
    private func writeCustom(
        _ ent: EntityParse.Entity, bg: String, entity: EscapedBytes, kbLink: MarkupBuffer, into out: inout MarkupBuffer
    ) throws(DisplacyError) {
        var entityText = MarkupBuffer()
        entity.write(to: &entityText)
        var fields = [
            "label": DocText(ent.label, escaped: escaping == .safe).string, "text": entityText.string,
            "bg": bg, "kb_link": kbLink.string,
        ]
        for (k, v) in ent.params { fields[k] = v }
        if let template {
            out.append(try template.format(fields))
        } else {
            Templates.ent(
                &out, bg: fields["bg"] ?? bg, text: fields["text"] ?? "", label: fields["label"] ?? "",
                kb_link: fields["kb_link"] ?? "")
        }
    }
}
