/// The limits MLflow's tracking server enforces (`mlflow/utils/validation.py`): per `log-batch`
/// request at most 1000 metrics, 100 params, 100 tags and 1000 entities in all; keys up to 250
/// characters, param values up to 6000, tag values up to 8000 (counted in code points, as Python does).
enum MLflowLimits {
    static let metricsPerBatch = 1000
    static let paramsPerBatch = 100
    static let tagsPerBatch = 100
    static let entitiesPerBatch = 1000
    static let paramValueLength = 6000
    static let tagValueLength = 8000

    /// What replaces the end of a value too long for MLflow (the full config is an artifact).
    static let truncationMarker = "... [truncated by aim-spacy]"

    /// `value`, cut to `limit` code points with the marker at its end when it is longer.
    static func shortened(_ value: String, limit: Int) -> String {
        let scalars = value.unicodeScalars
        guard scalars.count > limit else { return value }
        let kept = scalars.prefix(limit - truncationMarker.unicodeScalars.count)
        return String(String.UnicodeScalarView(kept)) + truncationMarker
    }
}
