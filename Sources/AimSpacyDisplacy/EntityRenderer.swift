import AimSpacyModel

/// displaCy's `EntityRenderer`: text with `<mark>`ed entities. The LTR `TPL_ENT` is used for every
/// direction, as spaCy picks its template before it knows the doc's direction.
struct EntityRenderer: Sendable {
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

    private func raw(_ s: String) -> String { escaping == .safe ? PythonText.escapeHTML(s) : s }

    /// Escaped text with each `\n` turned into `<br>`.
    private static func appendText(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, to markup: inout String) {
        let fragment = PythonText.slice(scalars, start, end)
        markup += PythonText.escapeHTML(fragment).replacing("\n", with: "<br>")
    }

    /// `render_ents(text, spans, title)`.
    func render(_ parse: EntityParse, settings: DocSettings) throws(DisplacyError) -> String {
        let scalars = Array(parse.text.unicodeScalars)
        var markup = ""
        var offset = 0
        for ent in parse.ents {
            let kbLink = ent.kbID.isEmpty ? "" : Templates.kbLink(kb_url: raw(ent.kbURL), kb_id: raw(ent.kbID))
            let entity = PythonText.escapeHTML(PythonText.slice(scalars, ent.start, ent.end))
            Self.appendText(scalars, offset, ent.start, to: &markup)
            let upper = PythonText.upper(ent.label)
            if filter == nil || filter?.contains(upper) == true {
                let bg = colors[upper] ?? defaultEntityColor
                if let template {
                    var fields = ["label": raw(ent.label), "text": entity, "bg": bg, "kb_link": kbLink]
                    for (k, v) in ent.params { fields[k] = v }
                    markup += try template.format(fields)
                } else if ent.params.isEmpty {
                    markup += Templates.ent(bg: bg, text: entity, label: raw(ent.label), kb_link: kbLink)
                } else {
                    var fields = ["label": raw(ent.label), "text": entity, "bg": bg, "kb_link": kbLink]
                    for (k, v) in ent.params { fields[k] = v }
                    markup += Templates.ent(
                        bg: fields["bg"] ?? bg, text: fields["text"] ?? entity, label: fields["label"] ?? "",
                        kb_link: fields["kb_link"] ?? kbLink)
                }
            } else {
                markup += entity
            }
            offset = ent.end
        }
        Self.appendText(scalars, offset, scalars.count, to: &markup)
        markup = Templates.ents(dir: settings.direction, content: markup)
        if let title = parse.title, !title.isEmpty {
            markup = Templates.title(title: raw(title)) + markup
        }
        return markup
    }
}
