import AimSpacyModel

/// displaCy's `DependencyRenderer`: one SVG per parse, arcs stacked in levels.
struct DependencyRenderer: Sendable {
    let compact: Bool
    let wordSpacing: PyNumber
    let arrowSpacing: PyNumber
    let arrowWidth: PyNumber
    let arrowStroke: PyNumber
    let distance: PyNumber
    let offsetX: PyNumber
    let color: String
    let bg: String
    let font: String
    let escaping: DisplacyEscaping

    init(options: DisplacyOptions, escaping: DisplacyEscaping) throws(DisplacyError) {
        compact = options.flag("compact", default: false)
        wordSpacing = try options.number("word_spacing", default: 45)
        arrowSpacing = try options.number("arrow_spacing", default: compact ? 12 : 20)
        arrowWidth = try options.number("arrow_width", default: compact ? 6 : 10)
        arrowStroke = try options.number("arrow_stroke", default: 2)
        distance = try options.number("distance", default: compact ? 150 : 175)
        offsetX = try options.number("offset_x", default: 50)
        color = options.text("color", default: "#000000")
        bg = options.text("bg", default: "#ffffff")
        font = options.text("font", default: "Arial")
        self.escaping = escaping
    }

    private func raw(_ s: String) -> String { escaping == .safe ? PythonText.escapeHTML(s) : s }

    /// `render_svg(render_id, words, arcs)` with the renderer's direction and language.
    func renderSVG(id: String, parse: DependencyParse, settings: DocSettings) throws(DisplacyError) -> String {
        let levels = try Self.levels(parse.arcs)
        let highest = levels.values.max() ?? 0
        let offsetY = distance / 2 * .int(highest) + arrowStroke
        let width = offsetX + .int(parse.words.count) * distance
        let height = offsetY + 3 * wordSpacing
        let rtl = settings.direction == "rtl"
        var content = ""
        content.reserveCapacity(parse.words.count * 320 + parse.arcs.count * 640 + 512)
        let y = (offsetY + wordSpacing).description
        for (i, word) in parse.words.enumerated() {
            var x = offsetX + .int(i) * distance
            if rtl { x = width - x }
            let xs = x.description
            let text = PythonText.escapeHTML(word.text)
            if let lemma = word.lemma {
                content += Templates.depWordsLemma(y: y, x: xs, text: text, lemma: raw(lemma), tag: raw(word.tag))
            } else {
                content += Templates.depWords(y: y, x: xs, text: text, tag: raw(word.tag))
            }
        }
        let labelSide = rtl ? "right" : "left"
        let stroke = arrowStroke.description
        let yHead = (offsetY + 2).description
        let yTail = (offsetY - arrowWidth).description
        let yText = offsetY.description
        for (i, arc) in parse.arcs.enumerated() {
            guard arc.start >= 0, arc.end >= 0, let level = levels[LevelKey(arc)] else {
                throw DisplacyError("arc \(i) (start \(arc.start), end \(arc.end)): indices must be non-negative (spaCy's E157)")
            }
            var xStart = offsetX + .int(arc.start) * distance + arrowSpacing
            if rtl { xStart = width - xStart }
            var xEnd =
                offsetX + .int(arc.end - arc.start) * distance + .int(arc.start) * distance
                - arrowSpacing * .int(highest - level) / 4
            if rtl { xEnd = width - xEnd }
            var yCurve = offsetY - .int(level) * distance / 2
            if compact { yCurve = offsetY - .int(level) * distance / 6 }
            if yCurve.equals(0) && highest > 5 { yCurve = -distance }
            let head: String
            if arc.dir == "left" {
                head = "M\(xStart),\(yHead) L\(xStart - arrowWidth + 2),\(yTail) \(xStart + arrowWidth - 2),\(yTail)"
            } else {
                head = "M\(xEnd),\(yHead) L\(xEnd + arrowWidth - 2),\(yTail) \(xEnd - arrowWidth + 2),\(yTail)"
            }
            let c = compact ? "" : "C"
            let xs = xStart.description
            let xe = xEnd.description
            let yc = yCurve.description
            let path = "M\(xs),\(yText) \(c)\(xs),\(yc) \(xe),\(yc) \(xe),\(yText)"
            content += Templates.depArcs(
                id: id, i: String(i), stroke: stroke, arc: path, label_side: labelSide, label: raw(arc.label), head: head)
        }
        let heightText = height.description
        return Templates.depSvg(
            lang: settings.lang, id: id, width: width.description, height: heightText, dir: settings.direction,
            color: color, bg: bg, font: font, content: content)
    }

    /// A whole arc dict, as `get_levels` de-duplicates them.
    struct ArcIdentity: Hashable {
        var key: LevelKey
        var dir: String
        var extra: String?

        init(_ arc: DependencyParse.Arc) {
            key = LevelKey(arc)
            dir = arc.dir
            extra = arc.extra
        }
    }

    struct LevelKey: Hashable {
        var start: Int
        var end: Int
        var label: String

        init(_ arc: DependencyParse.Arc) {
            start = arc.start
            end = arc.end
            label = arc.label
        }
    }

    /// `get_levels`: de-duplicated arcs, shortest first (stable), each one level above the highest
    /// arc already under its span. Equal-length arcs keep input order (spaCy's order there is Python's
    /// set order, which only matters for crossing arcs).
    static func levels(_ arcs: [DependencyParse.Arc]) throws(DisplacyError) -> [LevelKey: Int] {
        var seen = Set<ArcIdentity>()
        var unique: [DependencyParse.Arc] = []
        for arc in arcs where seen.insert(ArcIdentity(arc)).inserted { unique.append(arc) }
        let length = unique.map(\.end).max() ?? 0
        var maxLevel = Array(repeating: 0, count: max(length, 0))
        var levels: [LevelKey: Int] = [:]
        let ordered = unique.enumerated().sorted {
            ($0.element.end - $0.element.start, $0.offset) < ($1.element.end - $1.element.start, $1.offset)
        }
        for (_, arc) in ordered {
            guard arc.start >= 0, arc.start < arc.end else {
                throw DisplacyError("arc from \(arc.start) to \(arc.end): start must be non-negative and below end")
            }
            var level = 0
            for i in arc.start..<arc.end where maxLevel[i] > level { level = maxLevel[i] }
            level += 1
            for i in arc.start..<arc.end { maxLevel[i] = level }
            levels[LevelKey(arc)] = level
        }
        return levels
    }
}
