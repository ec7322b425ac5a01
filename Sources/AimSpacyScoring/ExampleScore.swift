import AimSpacyModel

/// One of spaCy's scoring functions, fed one example at a time so that large corpora stream through.
protocol ExampleScore {
    mutating func add(_ example: Example)
    /// The dict the spaCy function returns for every example added so far.
    var scores: Scores { get }
}
