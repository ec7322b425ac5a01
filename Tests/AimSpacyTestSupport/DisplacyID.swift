/// spaCy's random dep id prefix and ours both become `ID`, as the fixtures store it
/// (every run of exactly 32 lower-case hex digits, as `re.sub(r'[0-9a-f]{32}', 'ID', s)` on these strings).
public func normalizeID(_ markup: String) -> String {
    let scalars = Array(markup.unicodeScalars)
    func isHex(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) || ("a"..."f").contains(c) }
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
        var j = i
        while j < scalars.count && j - i < 32 && isHex(scalars[j]) { j += 1 }
        if j - i == 32 {
            out.append(contentsOf: "ID".unicodeScalars)
            i = j
        } else {
            out.append(scalars[i])
            i += 1
        }
    }
    return String(out)
}
