/// What an export did with one run at its target.
public enum ExportStatus: String, Sendable, Equatable {
    /// Exported for the first time.
    case created
    /// Already there (same bytes, or found again by its hash): nothing changed.
    case unchanged
    /// Already there and written again (`--replace`, or an event file whose bytes changed).
    case replaced
}
