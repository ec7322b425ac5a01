import AimSpacyModel

/// The `log-batch` requests of one run: params, tags and metric points packed greedily in their
/// order, each request within MLflow's limits.
struct MLflowBatches {
    struct Batch: Sendable, Equatable {
        var metrics: [JSONValue] = []
        var params: [JSONValue] = []
        var tags: [JSONValue] = []

        var entities: Int { metrics.count + params.count + tags.count }
        var isEmpty: Bool { entities == 0 }

        func body(runID: String) -> JSONValue {
            .object([("run_id", .string(runID)), ("metrics", .array(metrics)), ("params", .array(params)), ("tags", .array(tags))])
        }
    }

    static func pack(metrics: [JSONValue], params: [JSONValue], tags: [JSONValue]) -> [Batch] {
        var batches: [Batch] = []
        var current = Batch()
        var (m, p, t) = (0, 0, 0)
        while m < metrics.count || p < params.count || t < tags.count {
            if current.entities == MLflowLimits.entitiesPerBatch
                || (p == params.count || current.params.count == MLflowLimits.paramsPerBatch)
                && (t == tags.count || current.tags.count == MLflowLimits.tagsPerBatch)
                && (m == metrics.count || current.metrics.count == MLflowLimits.metricsPerBatch) {
                batches.append(current)
                current = Batch()
            }
            if p < params.count && current.params.count < MLflowLimits.paramsPerBatch {
                current.params.append(params[p]); p += 1
            } else if t < tags.count && current.tags.count < MLflowLimits.tagsPerBatch {
                current.tags.append(tags[t]); t += 1
            } else if m < metrics.count && current.metrics.count < MLflowLimits.metricsPerBatch {
                current.metrics.append(metrics[m]); m += 1
            }
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
