import AimSpacyTestSupport
import Foundation

extension ImportSandbox {
    /// The `alice-basic` training (`Fixtures/predictions/alice-basic`) in `project/trainings/`, beside the
    /// `project/corpus/` its config names, as `spacy train` leaves it; returns the training folder.
    func aliceBasicTraining() throws -> URL {
        let project = root.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project.appendingPathComponent("trainings"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixture.url("corpus"), to: project.appendingPathComponent("corpus"))
        let training = project.appendingPathComponent("trainings/alice-basic")
        try FileManager.default.copyItem(at: Fixture.url("predictions/alice-basic"), to: training)
        return training
    }
}
