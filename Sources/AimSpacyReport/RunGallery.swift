import AimSpacyModel

/// The displaCy gallery of a run page: each distinct render once, shown for the steps that logged it,
/// scaled to fit its `image_size` frame, and said for what it is: the renders of a logged step are the
/// gold docs of `viz_path` (what `spacy.AimLogger.v1` renders), those of the final model are the
/// predictions `spacy evaluate --displacy-path` wrote.
enum RunGallery {
    static func add(_ run: Run, pageID: String, options: ReportOptions, to context: inout [String: Any]) {
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
        var docIndex: [String: Int] = [:]
        for v in ordered {
            let key = v.step.map { "s\($0)" } ?? "final"
            if labels[key] == nil {
                keys.append(key)
                labels[key] = v.step.map { "step \($0) · gold docs of viz_path" } ?? "final model · predictions"
            }
            for (n, id) in v.renderIDs.enumerated() where markups[id] != nil {
                if docIndex[id] == nil { docIndex[id] = n }
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
        let vizPath = run.settings.vizPath.map { ReportText.clean(options.absolutePaths ? $0 : SharedPath.shown($0)) }
        context["hasGallery"] = true
        context["galleryID"] = "\(pageID)-renders"
        context["hasGold"] = !training.isEmpty
        context["hasPredictions"] = !final.isEmpty
        if let vizPath { context["vizPath"] = vizPath }
        context["style"] = ReportText.clean(styles.joined(separator: ", "))
        context["width"] = run.settings.imageWidth
        context["height"] = run.settings.imageHeight
        context["steps"] = keys.map { ["key": $0, "label": labels[$0] ?? $0, "selected": $0 == selected] }
        context["renders"] = renderOrder.enumerated().map { n, id -> [String: Any] in
            let steps = renderKeys[id] ?? []
            let markup = MarkupSanitizer.sanitize(markups[id] ?? "", idPrefix: "\(pageID)-d\(n)-")
            let fit = RenderFit(markup: markup, width: run.settings.imageWidth, height: run.settings.imageHeight)
            var render: [String: Any] = [
                "id": "\(pageID)-r\(n)",
                "steps": steps.joined(separator: " "),
                "visible": steps.contains(selected),
                "caption": caption(doc: docIndex[id] ?? 0, gold: steps.contains { $0 != "final" }, predicted: steps.contains("final"), vizPath: vizPath),
                "markup": markup,
                "width": run.settings.imageWidth,
                "height": run.settings.imageHeight,
                "outerStyle": fit.outerStyle,
                "shrunk": fit.scale < 1,
                "percent": max(1, Int((fit.scale * 100).rounded(.down))),
            ]
            render["scaled"] = fit.innerStyle != nil
            if let inner = fit.innerStyle { render["innerStyle"] = inner }
            return render
        }
    }

    /// What one render shows, by the doc's index in the rendered corpus.
    private static func caption(doc: Int, gold: Bool, predicted: Bool, vizPath: String?) -> String {
        var parts: [String] = []
        if gold { parts.append("gold doc \(doc) of viz_path" + (vizPath.map { " " + $0 } ?? "")) }
        if predicted { parts.append("doc \(doc) as the final model predicts it") }
        return parts.joined(separator: " · ")
    }
}
