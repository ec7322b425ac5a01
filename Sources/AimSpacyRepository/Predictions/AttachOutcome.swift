import AimSpacyModel

/// What attaching prediction sets to a stored run did, each set named `model on gold`.
public struct AttachOutcome: Sendable, Equatable {
    /// Sets for a model and gold the run had none for.
    public var attached: [String] = []
    /// Sets that took the place of different predictions for the same model and gold (`--replace`).
    public var replaced: [String] = []
    /// Sets already attached with the same predicted DocBin: nothing changed.
    public var unchanged: [String] = []

    public init(attached: [String] = [], replaced: [String] = [], unchanged: [String] = []) {
        self.attached = attached
        self.replaced = replaced
        self.unchanged = unchanged
    }

    /// Whether the run changed.
    public var changed: Bool { !attached.isEmpty || !replaced.isEmpty }
}

extension PredictionSet {
    /// A run holds at most one set per model and gold DocBin (by content).
    package func sameKey(_ other: PredictionSet) -> Bool {
        model == other.model && goldSHA256 == other.goldSHA256
    }
}
