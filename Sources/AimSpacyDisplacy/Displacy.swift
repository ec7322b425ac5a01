import AimSpacyModel

/// `displacy.render` without Python: the same markup for docs or displaCy's manual dicts.
/// Only the dep id differs: spaCy's random 32-hex prefix is here derived from the input.
public enum Displacy {
    /// `displacy.render(docs, style=style, page=page, minify=minify, jupyter=False, options=options)`
    /// for decoded docs of language `lang` (a DocBin does not store it).
    public static func render(
        _ docs: [Doc], style: DisplacyStyle, lang: String = "en", page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        let settings = DocSettings(lang: lang)
        switch style {
        case .dep:
            let parses = try ParallelMap.map(docs) { _, doc throws(DisplacyError) in
                try Converters.parseDeps(doc, options: options, settings: settings)
            }
            return try render(dep: parses, page: page, minify: minify, options: options, escaping: escaping)
        case .ent:
            let parses = try ParallelMap.map(docs) { _, doc throws(DisplacyError) in
                try Converters.parseEnts(doc, options: options, settings: settings)
            }
            return try render(ent: parses, page: page, minify: minify, options: options, escaping: escaping)
        case .span:
            let parses = try ParallelMap.map(docs) { _, doc throws(DisplacyError) in
                try Converters.parseSpans(doc, options: options, settings: settings)
            }
            return try render(span: parses, page: page, minify: minify, options: options, escaping: escaping)
        }
    }

    /// `displacy.render(dicts, style=style, manual=True, ...)` for manual dicts given as JSON.
    public static func render(
        manual dicts: [JSONValue], style: DisplacyStyle, page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        switch style {
        case .dep:
            let parses = try dicts.map { d throws(DisplacyError) in try DependencyParse(manual: d) }
            return try render(dep: parses, page: page, minify: minify, options: options, escaping: escaping)
        case .ent:
            let parses = try dicts.map { d throws(DisplacyError) in try EntityParse(manual: d) }
            return try render(ent: parses, page: page, minify: minify, options: options, escaping: escaping)
        case .span:
            let parses = try dicts.map { d throws(DisplacyError) in try SpanParse(manual: d) }
            return try render(span: parses, page: page, minify: minify, options: options, escaping: escaping)
        }
    }

    /// `DependencyRenderer(options).render(parsed, page, minify).strip()`.
    public static func render(
        dep parses: [DependencyParse], page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        let renderer = try DependencyRenderer(options: options, escaping: escaping)
        let settings = firstSettings(parses.first?.settings)
        var id = RenderID()
        for p in parses { id.add(p) }
        let prefix = id.hex
        let rendered = try ParallelMap.map(parses) { i, p throws(DisplacyError) in
            var svg = try renderer.renderSVG(id: "\(prefix)-\(i)", parse: p, settings: settings)
            if let title = p.title, !title.isEmpty {
                svg = Templates.title(title: escaping == .safe ? PythonText.escapeHTML(title) : title) + svg
            }
            return svg
        }
        return finish(rendered, settings: settings, page: page, minify: minify)
    }

    /// `EntityRenderer(options).render(parsed, page, minify).strip()`.
    public static func render(
        ent parses: [EntityParse], page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        let renderer = try EntityRenderer(options: options, escaping: escaping)
        let settings = firstSettings(parses.first?.settings)
        let rendered = try ParallelMap.map(parses) { _, p throws(DisplacyError) in try renderer.render(p, settings: settings) }
        return finish(rendered, settings: settings, page: page, minify: minify)
    }

    /// `SpanRenderer(options).render(parsed, page, minify).strip()`.
    public static func render(
        span parses: [SpanParse], page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        let renderer = try SpanRenderer(options: options, escaping: escaping)
        let settings = firstSettings(parses.first?.settings)
        let rendered = try ParallelMap.map(parses) { _, p throws(DisplacyError) in try renderer.render(p, settings: settings) }
        return finish(rendered, settings: settings, page: page, minify: minify)
    }

    /// The first doc's settings apply to every doc of the call, as in spaCy's renderers.
    private static func firstSettings(_ settings: DocSettings?) -> DocSettings {
        settings ?? .default
    }

    /// Join, wrap in `TPL_FIGURE`/`TPL_PAGE` when `page`, minify, strip. The plain join is built once,
    /// at its final size and already stripped: a corpus render is megabytes, and every copy shows.
    private static func finish(_ rendered: [String], settings: DocSettings, page: Bool, minify: Bool) -> String {
        guard page || minify else { return strippedJoin(rendered) }
        var markup: String
        if page {
            var content = ""
            for r in rendered { content += Templates.figure(content: r) }
            markup = Templates.page(lang: settings.lang, dir: settings.direction, content: content)
        } else {
            markup = rendered.joined()
        }
        if minify { markup = PythonText.minify(markup) }
        return PythonText.strip(markup)
    }

    /// `"".join(parts).strip()`, with one allocation (and room for a final newline).
    private static func strippedJoin(_ parts: [String]) -> String {
        guard let first = parts.firstIndex(where: { !PythonText.strip($0).isEmpty }),
            let last = parts.lastIndex(where: { !PythonText.strip($0).isEmpty })
        else { return "" }
        var out = ""
        out.reserveCapacity(parts[first...last].reduce(1) { $0 + $1.utf8.count })
        for i in first...last {
            let part = parts[i]
            if i == first && i == last {
                out += PythonText.strip(part)
            } else if i == first {
                out += PythonText.stripLeading(part)
            } else if i == last {
                out += PythonText.stripTrailing(part)
            } else {
                out += part
            }
        }
        return out
    }
}
