import AimSpacyModel

/// The part of a spaCy `Doc` that `parse_deps` reads and changes: tokens with absolute heads, the
/// children counts and edges `set_children_from_heads` keeps, `Span.root`, and `Retokenizer.merge`.
struct DependencyTree: Sendable {
    struct Token: Sendable {
        var text: String
        var whitespace: Bool
        var tag: String
        var pos: String
        var lemma: String
        var dep: String
        /// Absolute head index (the token itself for roots).
        var head: Int
        /// Lexeme flags of `text`.
        var isPunct: Bool
        var isSpace: Bool

        init(text: String, whitespace: Bool, tag: String, pos: String, lemma: String, dep: String, head: Int) {
            self.text = text
            self.whitespace = whitespace
            self.tag = tag
            self.pos = pos
            self.lemma = lemma
            self.dep = dep
            self.head = head
            self.isPunct = PythonText.isPunct(text)
            self.isSpace = !text.isEmpty && PythonWhitespace.isBlank(text)
        }
    }

    private(set) var tokens: [Token]
    private(set) var lKids: [Int] = []
    private(set) var rKids: [Int] = []
    private(set) var lEdge: [Int] = []
    private(set) var rEdge: [Int] = []

    init(tokens: [Token]) {
        var tokens = tokens
        let n = tokens.count
        for i in 0..<n where tokens[i].head < 0 || tokens[i].head >= n { tokens[i].head = i }
        self.tokens = tokens
        setChildrenFromHeads()
    }

    init(doc: Doc) {
        self.init(
            tokens: doc.tokens.map {
                Token(
                    text: $0.text, whitespace: $0.whitespace, tag: $0.tag, pos: $0.pos, lemma: $0.lemma, dep: $0.dep,
                    head: $0.head)
            })
    }

    var count: Int { tokens.count }

    /// `set_children_from_heads` (doc.pyx): up to 11 passes until every head lies in its sentence.
    private mutating func setChildrenFromHeads() {
        let n = tokens.count
        lKids = Array(repeating: 0, count: n)
        rKids = Array(repeating: 0, count: n)
        lEdge = Array(0..<n)
        rEdge = Array(0..<n)
        var loop = 0
        while true {
            let ok = setKidsAndEdges(loop: loop)
            if ok || loop > 10 { break }
            loop += 1
        }
    }

    /// `_set_lr_kids_and_edges`: one forward and one backward pass; true when heads stay within sentences.
    private mutating func setKidsAndEdges(loop: Int) -> Bool {
        let n = tokens.count
        for i in 0..<n {
            let h = tokens[i].head
            if loop == 0 && i < h { lKids[h] += 1 }
            if lEdge[i] < lEdge[h] { lEdge[h] = lEdge[i] }
            if rEdge[i] > rEdge[h] { rEdge[h] = rEdge[i] }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let h = tokens[i].head
            if loop == 0 && i > h { rKids[h] += 1 }
            if rEdge[i] > rEdge[h] { rEdge[h] = rEdge[i] }
            if lEdge[i] < lEdge[h] { lEdge[h] = lEdge[i] }
        }
        var sentStarts = Set<Int>()
        for i in 0..<n where tokens[i].head == i { sentStarts.insert(lEdge[i]) }
        var sentStart = 0
        for i in 0..<n where (i > 0 && sentStarts.contains(i)) || i == n - 1 {
            let sentEnd = i
            for j in sentStart..<sentEnd where tokens[j].head < sentStart || tokens[j].head >= sentEnd + 1 {
                return false
            }
            sentStart = i
        }
        return true
    }

    /// `Span.root` of the tokens `range`: a sentence root inside it, else the token with the fewest
    /// steps to the root among those whose head lies outside (first on ties), else the first token.
    func root(of range: Range<Int>) throws(DisplacyError) -> Int {
        for i in range where tokens[i].head == i { return i }
        var best = tokens.count
        var root = -1
        for i in range where !range.contains(tokens[i].head) {
            let steps = try wordsToRoot(i)
            if steps < best {
                best = steps
                root = i
            }
        }
        return root == -1 ? range.lowerBound : root
    }

    /// `_count_words_to_root` (span.pyx), with its preference against childless spaces and punctuation.
    private func wordsToRoot(_ start: Int) throws(DisplacyError) -> Int {
        let n = tokens.count
        if (tokens[start].isSpace || tokens[start].isPunct) && lKids[start] == 0 && rKids[start] == 0 {
            return n - 1
        }
        var steps = 0
        var i = start
        while tokens[i].head != i {
            i = tokens[i].head
            steps += 1
            if steps >= n {
                throw DisplacyError("dependency heads form a cycle at token \(start) (spaCy's E039)")
            }
        }
        return steps
    }

    /// One span for `Retokenizer.merge`, with the `tag`/`lemma` attrs `parse_deps` passes.
    struct Merge: Sendable {
        var range: Range<Int>
        var tag: String
        var lemma: String
    }

    /// `_merge` (_retokenize.pyx) of non-overlapping spans: each becomes one token at its start with the
    /// span text, the root's POS and dep, the root's head, and the given tag and lemma; heads into a
    /// merged span point to the merged token.
    mutating func merge(_ requested: [Merge]) throws(DisplacyError) {
        guard !requested.isEmpty else { return }
        var merges = requested.sorted { $0.range.lowerBound < $1.range.lowerBound }
        var seen = Set<Int>()
        merges = merges.filter { m in
            m.range.allSatisfy { seen.insert($0).inserted }
        }
        let roots = try merges.map { m throws(DisplacyError) in try root(of: m.range) }
        let n = tokens.count
        // New index of every old token.
        var newIndex = Array(repeating: 0, count: n)
        var offset = 0
        var k = 0
        for i in 0..<n {
            if k < merges.count, i == merges[k].range.upperBound {
                offset += merges[k].range.count - 1
                k += 1
            }
            if k < merges.count, merges[k].range.contains(i) {
                newIndex[i] = merges[k].range.lowerBound - offset
            } else {
                newIndex[i] = i - offset
            }
        }
        var result: [Token] = []
        result.reserveCapacity(n - offset)
        k = 0
        var i = 0
        while i < n {
            if k < merges.count, merges[k].range.lowerBound == i {
                let range = merges[k].range
                let root = tokens[roots[k]]
                var text = ""
                for j in range {
                    text += tokens[j].text
                    if j != range.upperBound - 1 && tokens[j].whitespace { text += " " }
                }
                let token = Token(
                    text: text, whitespace: tokens[range.upperBound - 1].whitespace, tag: merges[k].tag, pos: root.pos,
                    lemma: merges[k].lemma, dep: root.dep, head: newIndex[root.head])
                result.append(token)
                i = range.upperBound
                k += 1
            } else {
                var token = tokens[i]
                token.head = newIndex[token.head]
                result.append(token)
                i += 1
            }
        }
        tokens = result
        setChildrenFromHeads()
    }
}
