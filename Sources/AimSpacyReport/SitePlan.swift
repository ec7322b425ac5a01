import AimSpacyModel

/// Where every page of a report lives and how pages link to each other, in a folder or in one file.
struct SitePlan: Sendable {
    /// One experiment's runs (indices into `runs`) and its comparison page, when it has two or more runs.
    struct Group: Sendable {
        var experiment: String?
        var runs: [Int]
        var comparePath: String?
    }

    let runs: [Run]
    let runPaths: [String]
    let groups: [Group]
    /// The comparison of the whole selection, when it spans several experiments.
    let selectionPath: String?
    let singleFile: Bool

    static let indexPath = "index.html"

    init(runs unsorted: [Run], singleFile: Bool) {
        let runs = unsorted.sorted { a, b in
            let ea = a.experiment ?? "\u{10FFFF}", eb = b.experiment ?? "\u{10FFFF}"
            if ea != eb { return ea < eb }
            if a.created != b.created { return a.created < b.created }
            if a.name != b.name { return a.name < b.name }
            return a.hash < b.hash
        }
        self.runs = runs
        var used: Set<String> = []
        runPaths = runs.map { run in
            var base = ReportText.slug(run.hash)
            if base.isEmpty { base = String(SHA256.hex(run.hash.utf8).prefix(16)) }
            var path = "runs/\(base).html"
            var n = 2
            while used.contains(path) {
                path = "runs/\(base)-\(n).html"
                n += 1
            }
            used.insert(path)
            return path
        }
        var groups: [Group] = []
        for (i, run) in runs.enumerated() {
            if let last = groups.last, last.experiment == run.experiment {
                groups[groups.count - 1].runs.append(i)
            } else {
                groups.append(Group(experiment: run.experiment, runs: [i]))
            }
        }
        for g in groups.indices where groups[g].runs.count >= 2 {
            let name = groups[g].experiment ?? ""
            let slug = ReportText.slug(name)
            let tag = String(SHA256.hex(("experiment:" + name).utf8).prefix(8))
            groups[g].comparePath = "compare/\(slug.isEmpty ? "runs" : slug)-\(tag).html"
        }
        self.groups = groups
        selectionPath = runs.count >= 2 && groups.count > 1 ? "compare/selection.html" : nil
        self.singleFile = singleFile
    }

    /// The id of a page's `<main>`, unique in a single-file report; also the prefix of its element ids.
    static func pageID(_ path: String) -> String {
        "p-" + String(path.dropLast(".html".count)).map { $0 == "/" || $0 == "." ? "-" : $0 }.map(String.init).joined()
    }

    /// A link from the page at `from` to the page at `to`.
    func href(to: String, from: String) -> String {
        if singleFile { return "#" + Self.pageID(to) }
        return from.contains("/") ? "../" + to : to
    }

    /// Display names of runs, with the short hash added where names repeat.
    func displayNames(_ indices: [Int]) -> [String] {
        var counts: [String: Int] = [:]
        for i in indices { counts[runs[i].name, default: 0] += 1 }
        return indices.map { i in
            let run = runs[i]
            return (counts[run.name] ?? 0) > 1 ? "\(run.name) (\(run.hash.prefix(8)))" : run.name
        }
    }
}
