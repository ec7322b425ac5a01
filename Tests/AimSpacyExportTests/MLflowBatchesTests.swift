@testable import AimSpacyExport
import AimSpacyModel
import Testing

/// `log-batch` packing: every entity once, in order, each request within MLflow's limits.
@Suite struct MLflowBatchesTests {
    @Test(arguments: [(0, 0, 0), (1, 0, 0), (2500, 250, 150), (1000, 100, 100), (999, 1, 0), (0, 101, 0), (10, 0, 250), (3001, 7, 9)])
    func withinLimits(counts: (metrics: Int, params: Int, tags: Int)) {
        let metrics = (0..<counts.metrics).map { JSONValue.int($0) }
        let params = (0..<counts.params).map { JSONValue.string("p\($0)") }
        let tags = (0..<counts.tags).map { JSONValue.string("t\($0)") }
        let batches = MLflowBatches.pack(metrics: metrics, params: params, tags: tags)
        #expect(batches.flatMap(\.metrics) == metrics)
        #expect(batches.flatMap(\.params) == params)
        #expect(batches.flatMap(\.tags) == tags)
        for batch in batches {
            #expect(!batch.isEmpty)
            #expect(batch.metrics.count <= MLflowLimits.metricsPerBatch)
            #expect(batch.params.count <= MLflowLimits.paramsPerBatch)
            #expect(batch.tags.count <= MLflowLimits.tagsPerBatch)
            #expect(batch.entities <= MLflowLimits.entitiesPerBatch)
        }
        let total = counts.metrics + counts.params + counts.tags
        #expect(batches.count >= (total + MLflowLimits.entitiesPerBatch - 1) / MLflowLimits.entitiesPerBatch)
    }
}
