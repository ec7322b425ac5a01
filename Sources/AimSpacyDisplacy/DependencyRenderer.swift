import AimSpacyModel

/// displaCy's `DependencyRenderer`: one SVG per parse, arcs stacked in levels.
struct DependencyRenderer: ParseRenderer {
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
    /// The prefix of the call's SVG ids (spaCy's random `render_id`), derived from all its parses.
    private(set) var renderID = ""

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

    /// The renderer for one call over `parses`: their ids share a prefix derived from all of them.
    func forCall(_ parses: [DependencyParse]) -> DependencyRenderer {
        var id = RenderID()
        for p in parses { id.add(p) }
        var renderer = self
        renderer.renderID = id.hex
        return renderer
    }

    /// The parse's title, then `render_svg(f"{render_id}-{index}", words, arcs)` with the call's
    /// direction and language.
    func render(_ parse: DependencyParse, index: Int, settings: DocSettings, into out: inout MarkupBuffer) throws(DisplacyError) {
        if let title = parse.title, !title.isEmpty {
            Templates.title(&out, title: DocText(title, escaped: escaping == .safe))
        }
        try renderSVG(into: &out, id: RenderID.Field(hex: renderID, index: index), parse: parse, settings: settings)
    }

    /// `render_svg(render_id, words, arcs)` with the renderer's direction and language, written into `out`.
    private func renderSVG(
        into out: inout MarkupBuffer, id: RenderID.Field, parse: DependencyParse, settings: DocSettings
    ) throws(DisplacyError) {
        let (arcLevels, highest) = try Self.arcLevels(parse.arcs)
        let offsetY = distance / 2 * .int(highest) + arrowStroke
        let width = offsetX + .int(parse.words.count) * distance
        let height = offsetY + 3 * wordSpacing
        out.bytes.reserveCapacity(out.count + parse.words.count * 330 + parse.arcs.count * 620 + 512)
        Templates.depSvg(
            &out, lang: settings.lang, id: id, width: width, height: height, dir: settings.direction, color: color,
            bg: bg, font: font
        ) { out in
            writeWords(&out, parse.words, offsetY: offsetY, width: width, rtl: settings.direction == "rtl")
            writeArcs(
                &out, parse.arcs, levels: arcLevels, highest: highest, offsetY: offsetY, width: width, id: id,
                rtl: settings.direction == "rtl")
        }
    }

    private func writeWords(
        _ out: inout MarkupBuffer, _ words: [DependencyParse.Word], offsetY: PyNumber, width: PyNumber, rtl: Bool
    ) {
        let y = offsetY + wordSpacing
        let escaped = escaping == .safe
        for (i, word) in words.enumerated() {
            var x = offsetX + .int(i) * distance
            if rtl { x = width - x }
            let text = DocText(word.text, escaped: true)
            if let lemma = word.lemma {
                Templates.depWordsLemma(
                    &out, y: y, x: x, text: text, lemma: DocText(lemma, escaped: escaped),
                    tag: DocText(word.tag, escaped: escaped))
            } else {
                Templates.depWords(&out, y: y, x: x, text: text, tag: DocText(word.tag, escaped: escaped))
            }
        }
    }

    private func writeArcs(
        _ out: inout MarkupBuffer, _ arcs: [DependencyParse.Arc], levels: [Int], highest: Int, offsetY: PyNumber,
        width: PyNumber, id: RenderID.Field, rtl: Bool
    ) {
        let labelSide = rtl ? "right" : "left"
        let yHead = offsetY + 2
        let yTail = offsetY - arrowWidth
        let escaped = escaping == .safe
        for (i, arc) in arcs.enumerated() {
            let level = levels[i]
            var xStart = offsetX + .int(arc.start) * distance + arrowSpacing
            if rtl { xStart = width - xStart }
            var xEnd =
                offsetX + .int(arc.end - arc.start) * distance + .int(arc.start) * distance
                - arrowSpacing * .int(highest - level) / 4
            if rtl { xEnd = width - xEnd }
            var yCurve = offsetY - .int(level) * distance / 2
            if compact { yCurve = offsetY - .int(level) * distance / 6 }
            if yCurve.equals(0) && highest > 5 { yCurve = -distance }
            let head =
                arc.dir == "left"
                ? ArrowHead(x: xStart, left: xStart - arrowWidth + 2, right: xStart + arrowWidth - 2, yHead: yHead, yTail: yTail)
                : ArrowHead(x: xEnd, left: xEnd + arrowWidth - 2, right: xEnd - arrowWidth + 2, yHead: yHead, yTail: yTail)
            let path = ArcPath(xStart: xStart, xEnd: xEnd, y: offsetY, yCurve: yCurve, curved: !compact)
            Templates.depArcs(
                &out, id: id, i: i, stroke: arrowStroke, arc: path, label_side: labelSide,
                label: DocText(arc.label, escaped: escaped), head: head)
        }
    }

    /// `get_arc`: `M{x_start},{y} C{x_start},{y_curve} {x_end},{y_curve} {x_end},{y}` (no `C` when compact).
    private struct ArcPath: MarkupField {
        let xStart: PyNumber
        let xEnd: PyNumber
        let y: PyNumber
        let yCurve: PyNumber
        let curved: Bool

        func write(to out: inout MarkupBuffer) {
            out.append(byte: 0x4D)
            point(xStart, y, &out)
            out.append(curved ? " C" : " ")
            point(xStart, yCurve, &out)
            out.append(byte: 0x20)
            point(xEnd, yCurve, &out)
            out.append(byte: 0x20)
            point(xEnd, y, &out)
        }
    }

    /// `get_arrowhead`: `M{x},{y_head} L{left},{y_tail} {right},{y_tail}`.
    private struct ArrowHead: MarkupField {
        let x: PyNumber
        let left: PyNumber
        let right: PyNumber
        let yHead: PyNumber
        let yTail: PyNumber

        func write(to out: inout MarkupBuffer) {
            out.append(byte: 0x4D)
            point(x, yHead, &out)
            out.append(" L")
            point(left, yTail, &out)
            out.append(byte: 0x20)
            point(right, yTail, &out)
        }
    }

    /// The level of every arc and the highest level. Arcs between distinct word pairs (every parse of
    /// a doc) need no de-duplication and are levelled by index; others go through `levels`.
    static func arcLevels(_ arcs: [DependencyParse.Arc]) throws(DisplacyError) -> (levels: [Int], highest: Int) {
        let pairs = arcs.map { UInt64(UInt32(truncatingIfNeeded: $0.start)) << 32 | UInt64(UInt32(truncatingIfNeeded: $0.end)) }
        let sortedPairs = pairs.sorted()
        let distinct = zip(sortedPairs, sortedPairs.dropFirst()).allSatisfy { $0 != $1 }
        guard distinct else {
            let levelOf = try levels(arcs)
            var out: [Int] = []
            out.reserveCapacity(arcs.count)
            for (i, arc) in arcs.enumerated() {
                guard arc.start >= 0, arc.end >= 0, let level = levelOf[LevelKey(arc)] else {
                    throw DisplacyError("arc \(i) (start \(arc.start), end \(arc.end)): indices must be non-negative (spaCy's E157)")
                }
                out.append(level)
            }
            return (out, levelOf.values.max() ?? 0)
        }
        var out = Array(repeating: 0, count: arcs.count)
        var maxLevel = Array(repeating: 0, count: max(arcs.map(\.end).max() ?? 0, 0))
        let order = arcs.indices.sorted { (arcs[$0].end - arcs[$0].start, $0) < (arcs[$1].end - arcs[$1].start, $1) }
        var highest = 0
        for k in order {
            let arc = arcs[k]
            guard arc.start >= 0, arc.start < arc.end else {
                throw DisplacyError("arc from \(arc.start) to \(arc.end): start must be non-negative and below end")
            }
            let level = (maxLevel[arc.start..<arc.end].max() ?? 0) + 1
            for i in arc.start..<arc.end { maxLevel[i] = level }
            out[k] = level
            highest = max(highest, level)
        }
        return (out, highest)
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

/// `{x},{y}`.
private func point(_ x: PyNumber, _ y: PyNumber, _ out: inout MarkupBuffer) {
    out.append(x)
    out.append(byte: 0x2C)
    out.append(y)
}
