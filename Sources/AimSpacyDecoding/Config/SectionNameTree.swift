/// The dotted section names of a config as one tree of their parts, built in one pass, so that the
/// checks on names (every parent declared, no key that is also a subsection) take time linear in the
/// text instead of re-joining and re-hashing every prefix of every name.
struct SectionNameTree {
    struct Node {
        var children: [Substring: Int] = [:]
        /// The section whose whole name ends here.
        var section: Int?
    }

    private(set) var nodes = [Node()]
    /// For each section, the nodes of its parts in order (the last one is the section's own).
    private(set) var paths: [[Int]] = []
    /// For each section, its name split at `.` (empty parts kept).
    private(set) var parts: [[Substring]] = []

    init(_ text: ConfigText, work: ConfigWork) {
        paths.reserveCapacity(text.sections.count)
        parts.reserveCapacity(text.sections.count)
        for (index, section) in text.sections.enumerated() {
            let names = section.name.split(separator: ".", omittingEmptySubsequences: false)
            var path: [Int] = []
            path.reserveCapacity(names.count)
            var node = 0
            for part in names {
                work.steps += part.utf8.count + 1
                if let next = nodes[node].children[part] {
                    node = next
                } else {
                    nodes.append(Node())
                    nodes[node].children[part] = nodes.count - 1
                    node = nodes.count - 1
                }
                path.append(node)
            }
            if nodes[node].section == nil { nodes[node].section = index }
            paths.append(path)
            parts.append(names)
        }
    }

    /// The section named by the first `count` parts of section `index`'s name, if declared.
    func section(prefixOf index: Int, count: Int) -> Int? { nodes[paths[index][count - 1]].section }
}
