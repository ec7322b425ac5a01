/// How much one config may grow while it is read: variables that refer several times to values
/// that do the same multiply (ten levels of three references make 59,049 copies), and section
/// references share one section in many places. Every substituted piece and every value written
/// into the tree is paid for from one budget per config text, proportional to its size, so that a
/// hostile config fails fast with a located error instead of taking gigabytes and minutes.
struct ConfigBudget {
    /// Bytes a config may expand to per byte of its text; real spaCy configs stay under 2×.
    static let ratio = 64
    /// Up to this many bytes any config may expand to, whatever its size (a 10 KB spaCy config
    /// makes about 20 KB).
    static let floor = 4 << 20

    /// The most bytes this config may expand to.
    let limit: Int
    /// The size of the config text the budget is for.
    let inputSize: Int
    private(set) var spent = 0

    init(inputSize: Int) {
        self.inputSize = inputSize
        let (byRatio, overflow) = inputSize.multipliedReportingOverflow(by: Self.ratio)
        limit = max(Self.floor, overflow ? Int.max : byRatio)
    }

    /// Pays for `bytes` more (at least one: every step costs), or throws once the budget is spent.
    mutating func spend(
        _ bytes: Int, _ location: @autoclosure () -> DecodingError.Location, _ what: @autoclosure () -> String
    ) throws(ConfigFailure) {
        spent += max(bytes, 1)
        guard spent > limit else { return }
        throw ConfigFailure(
            .other, location(),
            "\(what()) expand the config to more than \(limit) bytes (\(Self.ratio)× its \(inputSize) bytes, at least \(Self.floor >> 20) MiB); expected variables and section references that do not multiply")
    }
}
