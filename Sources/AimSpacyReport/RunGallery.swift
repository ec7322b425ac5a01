import AimSpacyModel

/// The displaCy gallery of a run page: each distinct render once, shown for the steps that logged it.
enum RunGallery {
    static func add(_ run: Run, pageID: String, to context: inout [String: Any]) {
        let training = run.visualisations.enumerated()
            .filter { $0.element.step != nil }
            .sorted { ($0.element.step ?? 0, $0.offset) < ($1.element.step ?? 0, $1.offset) }
            .map(\.element)
        let final = run.visualisations.filter { $0.step == nil }
        let ordered = training + final
        let markups = Dictionary(run.renders.map { ($0.id, $0.markup) }, uniquingKeysWith: { first, _ in first })
        var keys: [String] = []
        var labels: [String: String] = [:]
        var renderOrder: [String] = []
        var renderKeys: [String: [String]] = [:]
        for v in ordered {
            let key = v.step.map { "s\($0)" } ?? "final"
            if labels[key] == nil {
                keys.append(key)
                labels[key] = v.step.map { "step \($0)" } ?? "final model"
            }
            for id in v.renderIDs where markups[id] != nil {
                if renderKeys[id] == nil { renderOrder.append(id) }
                if renderKeys[id]?.contains(key) != true { renderKeys[id, default: []].append(key) }
            }
        }
        guard !renderOrder.isEmpty else {
            context["hasGallery"] = false
            return
        }
        let selected = training.last.flatMap { $0.step.map { "s\($0)" } } ?? keys.last ?? "final"
        var styles: [String] = []
        for v in ordered where !styles.contains(v.style) { styles.append(v.style) }
        context["hasGallery"] = true
        context["style"] = ReportText.clean(styles.joined(separator: ", "))
        context["width"] = run.settings.imageWidth
        context["height"] = run.settings.imageHeight
        context["steps"] = keys.map { ["key": $0, "label": labels[$0] ?? $0, "selected": $0 == selected] }
        context["renders"] = renderOrder.enumerated().map { n, id -> [String: Any] in
            let steps = renderKeys[id] ?? []
            return [
                "steps": steps.joined(separator: " "),
                "visible": steps.contains(selected),
                "markup": MarkupSanitizer.sanitize(markups[id] ?? "", idPrefix: "\(pageID)-d\(n)-"),
                "width": run.settings.imageWidth,
                "height": run.settings.imageHeight,
            ]
        }
    }
}
