import AimSpacyModel

/// The one rule both engines apply when prediction sets meet a run's stored ones (keyed by model and
/// gold DocBin): a new key is attached after the others; the same predicted DocBin is unchanged; a
/// different predicted DocBin replaces the stored set in its place only with `replace`, and is
/// refused otherwise, so that scored predictions are never lost by accident.
package enum PredictionMerge {
    package enum Step: Sendable {
        case attach(PredictionSet, ord: Int)
        case replace(PredictionSet, ord: Int)
        case unchanged(PredictionSet)
    }

    /// `stored` are the run's sets with their `ord`; throws before anything is written.
    package static func plan(
        stored: [(ord: Int, set: PredictionSet)], adding sets: [PredictionSet], replace: Bool, run: String
    ) throws(RepositoryError) -> (steps: [Step], outcome: AttachOutcome) {
        var steps: [Step] = []
        var outcome = AttachOutcome()
        var next = (stored.map(\.ord).max() ?? -1) + 1
        for (index, set) in sets.enumerated() {
            if sets[..<index].contains(where: { $0.sameKey(set) }) {
                throw RepositoryError("run \(run): predictions of \(set.label) are given twice")
            }
            if let old = stored.first(where: { $0.set.sameKey(set) }) {
                if old.set.predictedSHA256 == set.predictedSHA256 {
                    steps.append(.unchanged(set))
                    outcome.unchanged.append(set.label)
                } else if replace {
                    steps.append(.replace(set, ord: old.ord))
                    outcome.replaced.append(set.label)
                } else {
                    throw RepositoryError(
                        "run \(run): predictions of \(set.label) are already attached (\(old.set.predicted), sha256 \(old.set.predictedSHA256.prefix(12))); --replace replaces them with \(set.predicted)")
                }
            } else {
                steps.append(.attach(set, ord: next))
                outcome.attached.append(set.label)
                next += 1
            }
        }
        return (steps, outcome)
    }

    /// Sets of `earlier` whose key `sets` lacks, after `sets`: what `import --replace` keeps of the
    /// predictions attached to the run it replaces.
    package static func carried(_ earlier: [PredictionSet], into sets: [PredictionSet]) -> [PredictionSet] {
        sets + earlier.filter { old in !sets.contains { $0.sameKey(old) } }
    }
}
