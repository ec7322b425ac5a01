import AimSpacyModel

/// The console table's column names: how spaCy prints them (`setup_table`) and how cut headers such
/// as `LOSS TEXTC...` are resolved to full names.
public enum ConsoleColumns {
    /// The header spaCy prints for a column: cut to 10 characters + `...` when longer than 13, upper-cased.
    public static func header(for column: String) -> String {
        let scalars = column.unicodeScalars
        let cut = scalars.count > 13 ? String(String.UnicodeScalarView(scalars.prefix(10))) + "..." : column
        return cut.uppercased()
    }

    /// Score keys of spaCy's built-in components that can be columns (non-null default weights, plus
    /// `cats_macro_auc`, the one built-in key long enough to be cut), used to resolve a cut score header
    /// when no `score_weights` are given.
    public static let defaultScoreKeys: [String] = [
        "cats_macro_auc", "cats_micro_p", "cats_micro_r", "cats_micro_f", "cats_macro_p", "cats_macro_r",
        "cats_macro_f",
        "tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f", "sents_p", "sents_r",
        "ents_f", "ents_p", "ents_r", "cats_score", "spans_sc_f", "spans_sc_p", "spans_sc_r", "spans_ruler_f",
        "spans_ruler_p", "spans_ruler_r", "nel_micro_f", "speed",
    ]

    /// Columns for printed `headers`, resolved against `pipeline` (`nlp.pipe_names`, minus `frozen`) and
    /// the ordered non-null `scoreWeights` keys of the config when known. Loss columns and score columns
    /// are matched in order, as spaCy prints them in pipeline and config order.
    public static func resolve(
        headers: [String], pipeline: [String]?, frozen: [String] = [], scoreWeights: [String]?
    ) -> [LogColumn] {
        let trainable = (pipeline ?? []).filter { !frozen.contains($0) }
        var nextComponent = 0
        var nextScore = 0
        var columns: [LogColumn] = []
        for (index, header) in headers.enumerated() {
            if index == 0, header == "E" {
                columns.append(LogColumn(kind: .epoch, header: header, name: "epoch"))
            } else if index == 1, header == "#" {
                columns.append(LogColumn(kind: .step, header: header, name: "step"))
            } else if index == headers.count - 1, header == "SCORE" {
                columns.append(LogColumn(kind: .overall, header: header, name: "score"))
            } else if header.hasPrefix("LOSS ") {
                let match = trainable[min(nextComponent, trainable.count)...].firstIndex {
                    Self.header(for: "Loss " + $0) == header
                }
                if let match {
                    nextComponent = match + 1
                    columns.append(LogColumn(kind: .loss, header: header, name: trainable[match]))
                } else {
                    columns.append(guess(.loss, header: header, name: String(header.dropFirst(5))))
                }
            } else if let scoreWeights {
                let match = scoreWeights[min(nextScore, scoreWeights.count)...].firstIndex {
                    Self.header(for: $0) == header
                }
                if let match {
                    nextScore = match + 1
                    columns.append(LogColumn(kind: .score, header: header, name: scoreWeights[match]))
                } else {
                    columns.append(guess(.score, header: header, name: header))
                }
            } else if header.hasSuffix("...") {
                let matches = defaultScoreKeys.filter { Self.header(for: $0) == header }
                if matches.count == 1 {
                    columns.append(LogColumn(kind: .score, header: header, name: matches[0]))
                } else {
                    columns.append(guess(.score, header: header, name: header))
                }
            } else {
                columns.append(LogColumn(kind: .score, header: header, name: header.lowercased()))
            }
        }
        return columns
    }

    /// A column whose full name is unknown: the printed name lower-cased, unresolved when it was cut.
    private static func guess(_ kind: LogColumn.Kind, header: String, name: String) -> LogColumn {
        LogColumn(kind: kind, header: header, name: name.lowercased(), resolved: !header.hasSuffix("..."))
    }
}
