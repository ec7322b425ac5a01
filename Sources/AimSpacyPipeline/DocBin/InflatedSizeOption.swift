import AimSpacyDecoding

/// `--max-inflated-size SIZE` of the commands that read DocBins (`docbin`, `displacy`, `import`).
public enum InflatedSizeOption {
    /// The limits for the option's text (`nil` when not given: the defaults).
    public static func limits(_ text: String?) throws(PipelineError) -> InflateLimits {
        guard let text else { return InflateLimits() }
        guard let limits = InflateLimits(size: text) else {
            throw PipelineError("error: --max-inflated-size: expected a size such as 512M or 4G, got '\(text)'")
        }
        return limits
    }

    /// The option's help text.
    public static let help = "Refuse DocBins that inflate to more than SIZE bytes (K, M, G suffixes; default 2G), or to over \(InflateLimits.maximumRatio)× their size once past \(InflateLimits.ratioFloor >> 20)M."
}
