import AimSpacyModel

/// The Errors pages of one run and prediction set: the tables on the first page, the docs worst first, at most
/// `docsPerPage` a page, with links between the pages and filters by label and error kind.
enum ErrorPage {
    /// The pages' paths beside the run page: `runs/<run>-errors-<model>.html`, then `-2.html`, `-3.html` ….
    static func paths(runPath: String, model: String, docs: Int, docsPerPage: Int, taken: Set<String>) -> [String] {
        let base = String(runPath.dropLast(".html".count)) + "-errors-" + (ReportText.slug(model).isEmpty ? "model" : ReportText.slug(model))
        var stem = base
        var n = 2
        while taken.contains(stem + ".html") {
            stem = "\(base)-\(n)"
            n += 1
        }
        let pages = max(1, (docs + docsPerPage - 1) / docsPerPage)
        return (0..<pages).map { $0 == 0 ? stem + ".html" : "\(stem)-\($0 + 1).html" }
    }

    static func context(
        _ report: ErrorReport, runName: String, page: Int, paths: [String], runHref: String, plan: SitePlan, docsPerPage: Int
    ) -> [String: Any] {
        let path = paths[page]
        let pageID = SitePlan.pageID(path)
        var context: [String: Any] = [
            "pageID": pageID,
            "heading": ReportText.clean("\(runName) · errors of \(report.model)"),
            "runHref": runHref,
            "runName": ReportText.clean(runName),
            "model": ReportText.clean(report.model),
            "gold": ReportText.clean(report.gold),
            "predicted": ReportText.clean(report.predicted),
            "docCount": report.docCount,
            "first": page == 0,
            "kinds": SpanErrorKind.allCases.map { ["title": $0.title, "kind": $0.rawValue] },
        ]
        if let unavailable = report.unavailable {
            context["unavailable"] = ReportText.clean(unavailable)
            return context
        }
        if page == 0 {
            context["spanTables"] = report.spans.enumerated().map { spanTable($1, id: "\(pageID)-s\($0)") }
            if let cats = report.categories { context["categories"] = categories(cats) }
            if let deps = report.dependencies { context["dependencies"] = dependencies(deps) }
            context["tokenTables"] = report.tokens.map { t -> [String: Any] in
                ["attr": ReportText.clean(t.attr), "pairs": t.pairs.map { cellRow($0) }, "hasPairs": !t.pairs.isEmpty]
            }
        }
        let shown = Array(report.docs.dropFirst(page * docsPerPage).prefix(docsPerPage))
        var labels: [String] = []
        var kinds: [String] = []
        for doc in shown {
            for l in doc.labels where !labels.contains(l) { labels.append(l) }
            for k in doc.kinds where !kinds.contains(k) { kinds.append(k) }
        }
        let order = SpanErrorKind.allCases.map(\.rawValue) + ["token", "dep", "cats"]
        kinds.sort { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
        context["docsID"] = "\(pageID)-docs"
        context["labels"] = labels.sorted().map { ["value": ReportText.clean(filterKey($0)), "label": ReportText.clean($0)] }
        context["docKinds"] = kinds.map { k in ["value": k, "label": SpanErrorKind(rawValue: k)?.title ?? k] }
        context["hasDocs"] = !shown.isEmpty
        context["docs"] = shown.map { doc -> [String: Any] in
            let id = "\(pageID)-doc\(doc.index)"
            return [
                "id": id, "index": doc.index, "errors": doc.errors,
                "labels": ReportText.clean(doc.labels.map(filterKey).joined(separator: " ")),
                "kinds": doc.kinds.joined(separator: " "),
                "labelsText": ReportText.clean(doc.labels.joined(separator: ", ")),
                "renders": doc.renders.enumerated().map { n, r -> [String: Any] in
                    [
                        "title": ReportText.clean(r.title), "style": r.style,
                        "gold": side(r.gold, style: r.style, idPrefix: "\(id)-\(n)g-"),
                        "predicted": side(r.predicted, style: r.style, idPrefix: "\(id)-\(n)p-"),
                    ]
                },
            ]
        }
        let first = page * docsPerPage
        context["range"] = shown.isEmpty ? "0" : "\(first + 1)–\(first + shown.count) of \(report.docs.count)"
            + (report.docsLeftOut > 0 ? "; the \(report.docsLeftOut) docs with the fewest errors are not rendered" : "")
        context["multiPage"] = paths.count > 1
        context["pages"] = paths.enumerated().map { n, p -> [String: Any] in
            ["number": n + 1, "href": plan.href(to: p, from: path), "current": n == page]
        }
        if page > 0 { context["previousHref"] = plan.href(to: paths[page - 1], from: path) }
        if page + 1 < paths.count { context["nextHref"] = plan.href(to: paths[page + 1], from: path) }
        return context
    }

    /// The height a dep render is scaled down to, so its words show at the top of a frame that scrolls sideways
    /// (a parse is thousands of pixels wide: fitting its width too would make it unreadable).
    static let depFrame = (width: 1_000_000, height: 400)

    /// One side of a pair: the sanitised markup; a dep SVG scaled to the height of `depFrame` (spaCy's markup untouched
    /// inside the wrapper), ent and span renders as they flow.
    private static func side(_ markup: String, style: String, idPrefix: String) -> [String: Any] {
        let clean = MarkupSanitizer.sanitize(markup, idPrefix: idPrefix)
        guard style == "dep" else { return ["markup": clean, "fitted": false] }
        let fit = RenderFit(markup: clean, width: depFrame.width, height: depFrame.height)
        var side: [String: Any] = ["markup": clean, "fitted": true, "outerStyle": fit.outerStyle, "scaled": fit.innerStyle != nil]
        if let inner = fit.innerStyle { side["innerStyle"] = inner }
        return side
    }

    /// A label as one word of a space-separated `data-labels` list.
    static func filterKey(_ label: String) -> String {
        String(label.map { $0.isWhitespace ? "_" : $0 })
    }

    private static func spanTable(_ table: SpanErrorTable, id: String) -> [String: Any] {
        let gold = table.rows.map(\.label)
        var predicted: [String] = []
        for cell in table.confusion { if let p = cell.predicted, !predicted.contains(p) { predicted.append(p) } }
        let labels = gold + predicted.filter { !gold.contains($0) }.sorted()
        func count(_ g: String?, _ p: String?) -> Int { table.confusion.first { $0.gold == g && $0.predicted == p }?.count ?? 0 }
        // Columns are gold labels and a last `spurious` column (no gold span); rows are predicted labels and a last
        // `missed` row (nothing predicted).
        let columns = labels.filter { l in table.confusion.contains { $0.gold == l } }
        let rows: [String?] = labels.filter { l in table.confusion.contains { $0.predicted == l } }.map { $0 } + [nil]
        let title = table.attr == "ents" ? "Entities" : "Span group \(table.attr.dropFirst("spans_".count))"
        return [
            "id": id, "title": ReportText.clean(title), "attr": ReportText.clean(table.attr),
            "rows": table.rows.map { row -> [String: Any] in
                [
                    "label": ReportText.clean(row.label), "gold": row.gold,
                    "counts": SpanErrorKind.allCases.map { ["count": row.counts[$0] ?? 0, "zero": (row.counts[$0] ?? 0) == 0] },
                ]
            },
            "columns": columns.map(ReportText.clean),
            "matrix": rows.map { p -> [String: Any] in
                [
                    "label": ReportText.clean(p ?? "missed (no prediction)"),
                    "cells": (columns.map { Optional($0) } + [nil]).map { g -> [String: Any] in
                        let n = g == nil && p == nil ? 0 : count(g, p)
                        return ["count": n, "zero": n == 0, "diagonal": g != nil && g == p, "blank": g == nil && p == nil]
                    },
                ]
            },
            "frequent": table.frequent.map {
                ["label": ReportText.clean($0.label), "kind": $0.kind.title, "text": ReportText.clean($0.text), "count": $0.count]
            },
            "hasFrequent": !table.frequent.isEmpty,
        ]
    }

    private static func categories(_ table: CategoryErrorTable) -> [String: Any] {
        var context: [String: Any] = [
            "multiLabel": table.multiLabel, "threshold": ReportText.number(table.threshold),
            "perLabel": table.perLabel.map {
                ["label": ReportText.clean($0.label), "p": ReportText.score($0.p), "r": ReportText.score($0.r), "f": ReportText.score($0.f)]
            },
        ]
        if table.multiLabel {
            context["rows"] = table.labels.map { label -> [String: Any] in
                func n(_ g: Bool, _ p: Bool) -> Int {
                    table.cells.first { $0.gold == (g ? label : nil) && $0.predicted == (p ? label : nil) && ($0.gold ?? $0.predicted) == label }?.count ?? 0
                }
                return ["label": ReportText.clean(label), "tp": n(true, true), "fn": n(true, false), "fp": n(false, true)]
            }
        } else {
            let columns: [String?] = table.labels.map { $0 } + (table.cells.contains { $0.predicted == nil } ? [nil] : [])
            let rows: [String?] = table.labels.map { $0 } + (table.cells.contains { $0.gold == nil } ? [nil] : [])
            context["columns"] = columns.map { ReportText.clean($0 ?? "none") }
            context["matrix"] = rows.map { g -> [String: Any] in
                [
                    "label": ReportText.clean(g ?? "none"),
                    "cells": columns.map { p -> [String: Any] in
                        let n = table.cells.first { $0.gold == g && $0.predicted == p }?.count ?? 0
                        return ["count": n, "zero": n == 0, "diagonal": g != nil && g == p]
                    },
                ]
            }
        }
        return context
    }

    private static func dependencies(_ table: DependencyErrorTable) -> [String: Any] {
        [
            "rows": table.rows.map { row -> [String: Any] in
                [
                    "label": ReportText.clean(row.label), "arcs": row.arcs, "correct": row.correct,
                    "head": row.headErrors, "labelErrors": row.labelErrors,
                    "las": ReportText.score(row.arcs == 0 ? nil : Double(row.correct) / Double(row.arcs)),
                ]
            },
            "headTotal": table.rows.reduce(0) { $0 + $1.headErrors },
            "labelTotal": table.rows.reduce(0) { $0 + $1.labelErrors },
            "confused": table.confused.map { cellRow($0) },
            "hasConfused": !table.confused.isEmpty,
        ]
    }

    private static func cellRow(_ cell: Cell) -> [String: Any] {
        ["gold": ReportText.clean(cell.gold ?? "–"), "predicted": ReportText.clean(cell.predicted ?? "–"), "count": cell.count]
    }
}
