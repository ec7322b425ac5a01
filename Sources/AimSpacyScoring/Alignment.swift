import AimSpacyModel

/// The predicted-to-gold token alignment (`Example.alignment.x2y`), as spaCy's `get_alignments` builds it from the
/// two docs' token texts: one sorted list of gold token indices per predicted token, stored flat.
public struct Alignment: Sendable, Equatable {
    /// Offsets into `data`: entry `i` is `data[starts[i]..<starts[i + 1]]`. spaCy's list can be shorter or longer
    /// than the doc (empty tokens get no entry); lookups past its end behave as numpy's clamped slices.
    var starts: [Int32]
    var data: [Int32]
    /// Whether both docs have the same token texts (every token aligned to itself), which lets scores skip work.
    var isIdentity = false

    /// The identity alignment of two identically tokenised docs.
    init(identity count: Int) {
        starts = (0...count).map { Int32($0) }
        data = (0..<count).map { Int32($0) }
        isIdentity = true
    }

    init(lists: [[Int]]) {
        starts = [0]
        data = []
        for list in lists {
            data.append(contentsOf: list.map { Int32($0) })
            starts.append(Int32(data.count))
        }
    }

    /// Number of entries (`len(align.x2y.lengths)`).
    var count: Int { starts.count - 1 }

    /// `x2y.lengths[i]`.
    @inline(__always) func length(_ i: Int) -> Int {
        guard i < count else { return 0 }
        return Int(starts[i + 1] - starts[i])
    }

    /// `x2y[i][0]` for an entry of length one.
    @inline(__always) func first(_ i: Int) -> Int { Int(data[Int(starts[i])]) }

    /// `x2y[start:end]`: the gold indices of a run of predicted tokens, concatenated.
    func indices(_ range: Range<Int>) -> ArraySlice<Int32> {
        let lower = min(range.lowerBound, count)
        let upper = min(range.upperBound, count)
        guard lower < upper else { return [] }
        return data[Int(starts[lower])..<Int(starts[upper])]
    }

    /// spaCy's `get_alignments(A, B)` for predicted words `a` and gold words `b`, or `nil` where spaCy raises E949
    /// (the texts differ in more than whitespace and case).
    static func align(_ a: [String], _ b: [String]) -> Alignment? {
        if a == b, !a.contains(where: \.isEmpty) { return Alignment(identity: a.count) }
        let wordsA = a.map { Array($0.unicodeScalars) }
        let wordsB = b.map { Array($0.unicodeScalars) }
        let lowerA = a.map(PythonCase.lower)
        let lowerB = b.map(PythonCase.lower)
        let strA = Array(lowerA.joined())
        let strB = Array(lowerB.joined())
        let charToTokenA = lowerA.enumerated().flatMap { i, w in repeatElement(i, count: w.count) }
        let charToTokenB = lowerB.enumerated().flatMap { i, w in repeatElement(i, count: w.count) }
        guard strA.filter({ !PythonCase.isSpace($0) }) == strB.filter({ !PythonCase.isSpace($0) }),
            strA.count == charToTokenA.count, strB.count == charToTokenB.count
        else { return nil }
        var a2b: [Set<Int>] = []
        var charA = 0, charB = 0, prevA = -1
        while charA < strA.count && charB < strB.count {
            let tokenA = charToTokenA[charA], tokenB = charToTokenB[charB]
            if prevA != tokenA { a2b.append([]) }
            if wordsA[tokenA] == wordsB[tokenB]
                && (charA == 0 || charToTokenA[charA - 1] < tokenA)
                && (charB == 0 || charToTokenB[charB - 1] < tokenB)
            {
                a2b[a2b.count - 1].insert(tokenB)
                charA += wordsA[tokenA].count
                charB += wordsB[tokenB].count
            } else if strA[charA] == strB[charB] {
                a2b[a2b.count - 1].insert(tokenB)
                charA += 1
                charB += 1
            } else if PythonCase.isSpace(strA[charA]) {
                charA += 1
            } else if PythonCase.isSpace(strB[charB]) {
                charB += 1
            } else {
                return nil
            }
            prevA = tokenA
        }
        if charA < charToTokenA.count {
            a2b += repeatElement([], count: Set(charToTokenA[charA...]).count)
        }
        return Alignment(lists: a2b.map { $0.sorted() })
    }
}

/// Python's `str.lower()` and `str.isspace()` on Unicode scalars, as the alignment uses them.
enum PythonCase {
    static func lower(_ word: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(word.unicodeScalars.count)
        for scalar in word.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value
                out.append(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : scalar)
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return out
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `text.isspace()`: non-empty and all whitespace.
    static func isSpace(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { isSpace($0) }
    }

    /// `text.lower().strip().replace(" ", "")`, which `Example._get_aligned_spans` compares.
    static func squeezed(_ text: String) -> [Unicode.Scalar] {
        var scalars = lower(text)
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        let start = scalars.firstIndex { !isSpace($0) } ?? scalars.endIndex
        return scalars[start...].filter { $0 != " " }
    }
}
