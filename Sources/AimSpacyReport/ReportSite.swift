import AimSpacyDisplacy
import AimSpacyModel
import Foundation

/// Renders runs as a static site: `index.html`, `runs/<hash>.html`, `compare/<experiment>.html` and
/// `compare/selection.html`, or everything in one `index.html` with `singleFile`.
public enum ReportSite {
    /// Every file of the report by relative path. Same runs and options, same bytes. `errors` holds, by run hash,
    /// the Errors pages' input of the run's prediction sets (in the order of `Run.predictions`).
    public static func render(runs: [Run], options: ReportOptions, errors: [String: [ErrorReport]] = [:]) throws(ReportError) -> [String: [UInt8]] {
        let options = try options.validated()
        let templates = try ReportTemplates(overridesIn: options.templatesDirectory)
        let plan = SitePlan(runs: runs, singleFile: options.singleFile)
        let shell = try Shell(templates: templates, options: options, runCount: plan.runs.count)

        // Bodies: the index, the comparisons, then one per run (in parallel: the bulk of the work).
        var pages: [(path: String, title: String, crumbs: [(String, String?)], body: String)] = []
        pages.append((SitePlan.indexPath, "Runs", [("Runs", nil)], try templates.render("index", IndexPage.context(plan))))
        var comparisons: [(path: String, heading: String, indices: [Int])] = plan.groups.compactMap { group in
            group.comparePath.map { ($0, "Compare · \(group.experiment ?? "(no experiment)")", group.runs) }
        }
        if let selection = plan.selectionPath {
            comparisons.append((selection, "Compare · selection", Array(plan.runs.indices)))
        }
        for c in comparisons {
            var context = ComparePage.context(plan, indices: c.indices, path: c.path, heading: c.heading, options: options)
            PredictedScores.add(plan, indices: c.indices, to: &context)
            pages.append((c.path, c.heading, [("Runs", SitePlan.indexPath), (c.heading, nil)], try templates.render("compare", context)))
        }
        let errorPages = ErrorLinks(plan: plan, errors: errors, docsPerPage: options.docsPerPage)
        let runBodies = try ParallelMap.map(Array(plan.runs.indices)) { _, i throws(ReportError) in
            var context = RunPage.context(plan, i, options: options)
            errorPages.add(run: i, to: &context)
            return try templates.render("run", context)
        }
        for (i, body) in runBodies.enumerated() {
            let run = plan.runs[i]
            var crumbs: [(String, String?)] = [("Runs", SitePlan.indexPath)]
            if let experiment = run.experiment {
                let compare = plan.groups.first { $0.runs.contains(i) }?.comparePath
                crumbs.append((experiment, compare))
            }
            crumbs.append((run.name, nil))
            pages.append((plan.runPaths[i], run.name, crumbs, body))
            // The run's Errors pages, rendered on all cores (their displaCy markup is re-serialised page by page).
            let jobs = errorPages.sets(run: i).flatMap { set in set.paths.indices.map { (set, $0) } }
            let bodies = try ParallelMap.map(jobs) { _, job throws(ReportError) in
                let (set, n) = job
                let context = ErrorPage.context(
                    set.report, runName: run.name, page: n, paths: set.paths,
                    runHref: plan.href(to: plan.runPaths[i], from: set.paths[n]), plan: plan, docsPerPage: options.docsPerPage)
                return try templates.render("errors", context)
            }
            for ((set, n), body) in zip(jobs, bodies) {
                let title = "\(run.name) · errors of \(set.report.model)" + (set.paths.count > 1 ? " · page \(n + 1)" : "")
                pages.append((set.paths[n], title, Array(crumbs.dropLast()) + [(run.name, plan.runPaths[i]), ("errors of \(set.report.model)", nil)], body))
            }
        }

        var files: [String: [UInt8]] = [:]
        if options.singleFile {
            let body = pages.map(\.body).joined(separator: "\n")
            files[SitePlan.indexPath] = Array(try shell.wrap(body: body, title: options.title, crumbs: [], path: SitePlan.indexPath, plan: plan).utf8)
        } else {
            for page in pages {
                let html = try shell.wrap(body: page.body, title: page.title, crumbs: page.crumbs, path: page.path, plan: plan)
                files[page.path] = Array(html.utf8)
            }
        }
        return files
    }

    /// The page shell around bodies: head, Content-Security-Policy, inline style and script.
    struct Shell {
        let templates: ReportTemplates
        let options: ReportOptions
        let runCount: Int
        let style: String
        let script: String
        let csp: String

        init(templates: ReportTemplates, options: ReportOptions, runCount: Int) throws(ReportError) {
            self.templates = templates
            self.options = options
            self.runCount = runCount
            style = try templates.render("style", [:])
            let js = try templates.render("script", [:])
            guard !js.contains("]]>"), !js.lowercased().contains("</script"), !style.lowercased().contains("</style") else {
                throw ReportError("template script.mustache or style.mustache: must not contain ]]>, </script or </style")
            }
            // CDATA keeps the page well-formed XML; in HTML the markers are JavaScript comments.
            script = "//<![CDATA[\n" + js + "\n//]]>"
            csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-\(ReportSHA256.base64(script))'; base-uri 'none'; form-action 'none'"
        }

        func wrap(body: String, title: String, crumbs: [(String, String?)], path: String, plan: SitePlan) throws(ReportError) -> String {
            let context: [String: Any] = [
                "title": ReportText.clean(options.title),
                "pageTitle": ReportText.clean(title == options.title ? title : "\(title) · \(options.title)"),
                "csp": csp,
                "style": style,
                "script": script,
                "homeHref": plan.href(to: SitePlan.indexPath, from: path),
                "crumbs": crumbs.map { label, target -> [String: Any] in
                    var crumb: [String: Any] = ["label": ReportText.clean(label)]
                    if let target { crumb["href"] = plan.href(to: target, from: path) }
                    return crumb
                },
                "body": body,
                "runCount": runCount,
                "singleFile": options.singleFile,
            ]
            return try templates.render("page", context)
        }
    }
}
