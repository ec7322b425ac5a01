import AimSpacyModel

/// The one mapping from a run's values to metric, parameter and tag names that every export target
/// uses, so a curve is called the same in MLflow and TensorBoard (and in Aim after `aim convert`).
///
/// - a series is its name followed by its context values in key order: `loss` with `component=ner`
///   → `loss.ner`; `ents_f` → `ents_f`;
/// - a flat final score of the saved pipeline is `final.` and its name: `final.ents_f`;
/// - a per-label final score is table, label and metric: `ents_per_type.PERSON.f`;
/// - a config value is its dotted path: `training.optimizer.learn_rate`.
///
/// Every segment keeps letters, digits, `_`, `-`, `.` and space (what MLflow accepts in a key on any
/// platform) and has anything else, `/` and `:` included, replaced by `_`.
public enum ExportNames {
    /// The prefix of flat final scores, which would otherwise share their name with the series.
    public static let finalPrefix = "final."

    /// `loss.ner`, `ents_f`.
    public static func series(_ series: MetricSeries) -> String {
        ([series.name] + series.context.map(\.value)).map(segment).joined(separator: ".")
    }

    /// `final.ents_f`.
    public static func finalScore(_ name: String) -> String {
        finalPrefix + segment(name)
    }

    /// `ents_per_type.PERSON.f`.
    public static func perLabel(table: String, label: String, metric: String) -> String {
        [table, label, metric].map(segment).joined(separator: ".")
    }

    /// A config key path: `training.optimizer.learn_rate`, `components.ner.model._architectures`.
    public static func parameter(_ path: [String]) -> String {
        path.map(segment).joined(separator: ".")
    }

    /// One name segment with every character outside letters, digits, `_`, `-`, `.` and space
    /// replaced by `_` (`@architectures` → `_architectures`); empty becomes `_`.
    public static func segment(_ text: String) -> String {
        guard !text.isEmpty else { return "_" }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isAllowed(scalar) ? scalar : "_")
        }
        return String(scalars)
    }

    /// Python's `\w` (letters and numbers of any script, `_`) plus `-`, `.` and space.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "_", "-", ".", " ", "a"..."z", "A"..."Z", "0"..."9": return true
        case _ where scalar.isASCII: return false
        default:
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                return true
            default:
                return false
            }
        }
    }
}
