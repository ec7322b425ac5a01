/// Counting span groups for `DocBin.counts()`.
extension DocBin {
    /// The spans of one doc's groups, counted by group name and label ID, with the walk of
    /// `spanGroups(doc:)` (so both paths agree) but without building any span value.
    func countSpans(
        doc index: Int, names: inout LabelCache, entries: inout [(name: Int, spans: Range<Int>)],
        into tally: inout [[UInt64: Tally]]
    ) throws(DecodingError) {
        try spanGroupEntries(doc: index, into: &entries) { reader, range throws(DecodingError) in
            try names.index(of: reader.slice(range), reader: reader, at: range.lowerBound)
        }
        for entry in entries {
            while tally.count <= entry.name { tally.append([:]) }
            try forEachSpan(entry.spans, doc: index, group: names.labels[entry.name]) { span in
                tally[entry.name][span.label, default: Tally(at: span.at + 16)].count += 1
            }
        }
    }
}
