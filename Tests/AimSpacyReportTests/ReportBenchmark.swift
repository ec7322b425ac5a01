import AimSpacyModel
@testable import AimSpacyReport
import AimSpacyTestSupport
import Foundation
import Testing

/// `scripts/bench-report.sh`: the site of N runs (copies of the fixture runs, each with its own hash,
/// name and slightly different numbers), rendered on all cores. Runs only when `AIM_SPACY_BENCH_RUNS` is set.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["AIM_SPACY_BENCH_RUNS"] != nil, "benchmark: set AIM_SPACY_BENCH_RUNS"))
struct ReportBenchmark {
    @Test func renderSite() throws {
        let count = Int(ProcessInfo.processInfo.environment["AIM_SPACY_BENCH_RUNS"] ?? "") ?? 1000
        let base = try SampleRuns.all()
        let runs = (0..<count).map { i -> Run in
            var run = base[i % base.count]
            run.hash = SHA256.hex("bench-\(i)".utf8)
            run.name = "\(run.name)-\(i)"
            run.experiment = "\(run.experiment ?? "exp")-\(i % 20)"
            run.series = run.series.map { s in
                var s = s
                s.points = s.points.map { MetricPoint(step: $0.step, epoch: $0.epoch, value: $0.value * (1 + Double(i % 17) / 400)) }
                return s
            }
            return run
        }
        let start = Date()
        let files = try ReportSite.render(runs: runs, options: ReportOptions())
        let elapsed = Date().timeIntervalSince(start)
        let bytes = files.values.reduce(0) { $0 + $1.count }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writeStart = Date()
        _ = try ReportFiles.write(files, to: dir.url)
        let writeElapsed = Date().timeIntervalSince(writeStart)

        let one = Date()
        let single = try ReportSite.render(runs: [base[0]], options: ReportOptions())
        let oneElapsed = Date().timeIntervalSince(one)
        let runPage = single.first { $0.key.hasPrefix("runs/") }?.value.count ?? 0
        print("bench runs=\(count) cores=\(ProcessInfo.processInfo.activeProcessorCount) files=\(files.count)")
        print("bench render=\(String(format: "%.2f", elapsed))s write=\(String(format: "%.2f", writeElapsed))s site=\(bytes / 1024) KiB")
        print("bench one-run-site=\(String(format: "%.1f", oneElapsed * 1000))ms run-page=\(runPage / 1024) KiB")
        #expect(files.count > count)
    }
}
