import AimSpacyExport
import AimSpacyModel
import AimSpacyReport
import AimSpacyRepository
import Foundation

/// The files an MLflow run gets: `config.cfg` and the saved pipelines' `meta.json` as imported
/// (from the repository's object store), and the run's single-file report as `report.html`.
enum ExportArtifacts {
    /// Artifact path per source role.
    static let paths = ["config": "config.cfg", "meta-best": "model-best/meta.json", "meta-last": "model-last/meta.json"]

    static func artifacts(of run: Run, repository: any RunStore) throws(ExportError) -> [MLflowExport.Artifact] {
        var artifacts: [MLflowExport.Artifact] = []
        for (role, path) in paths.sorted(by: { $0.value < $1.value }) {
            guard let source = run.sources.first(where: { $0.role == role }) else { continue }
            var data = Data()
            do throws(RepositoryError) {
                try repository.readObject(source.sha256) { piece throws(RepositoryError) in data.append(piece) }
            } catch {
                throw ExportError(
                    place: "object \(source.sha256)",
                    reason: "the stored copy of \(source.path) cannot be read (\(error.message); run `aim-spacy repo check`)")
            }
            artifacts.append(MLflowExport.Artifact(path: path, bytes: [UInt8](data)))
        }
        if !artifacts.contains(where: { $0.path == "config.cfg" }) && !run.configText.isEmpty {
            artifacts.insert(MLflowExport.Artifact(path: "config.cfg", bytes: Array(run.configText.utf8)), at: 0)
        }
        do throws(PipelineError) {
            let files = try ReportPipeline.files(runs: [run], options: ReportOptions(singleFile: true))
            if let page = files["index.html"] { artifacts.append(MLflowExport.Artifact(path: "report.html", bytes: page)) }
        } catch {
            throw ExportError(place: "run \(run.hash)", reason: "report: \(error.message)")
        }
        return artifacts
    }
}
