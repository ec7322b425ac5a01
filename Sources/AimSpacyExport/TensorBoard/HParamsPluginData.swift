import AimSpacyModel

/// The `hparams` plugin's records (`tensorboard/plugins/hparams/plugin_data.proto` and `api.proto`):
/// the experiment (which hyper-parameters and metrics there are), and per run the session's start
/// (its hyper-parameter values) and end (its status). TensorBoard's HParams tab reads these.
enum HParamsPluginData {
    /// The tags TensorBoard looks the records up by.
    static let experimentTag = "_hparams_/experiment"
    static let sessionStartTag = "_hparams_/session_start_info"
    static let sessionEndTag = "_hparams_/session_end_info"

    /// The type of an hyper-parameter (`api.proto` `DataType`).
    enum DataType: Int64 {
        case unset = 0, string = 1, bool = 2, float64 = 3
    }

    /// `HParamsPluginData { version: 0, experiment { hparam_infos, metric_infos } }`.
    static func experiment(hyperparameters: [(name: String, type: DataType)], metrics: [String]) -> [UInt8] {
        plugin(field: 2) { experiment in
            for hparam in hyperparameters {
                experiment.message(4) { info in
                    info.string(1, hparam.name)
                    if hparam.type != .unset { info.int(4, hparam.type.rawValue) }
                }
            }
            for metric in metrics {
                experiment.message(5) { info in
                    info.message(1) { $0.string(2, metric) }
                }
            }
        }
    }

    /// `HParamsPluginData { session_start_info { hparams, start_time_secs } }`.
    static func sessionStart(hyperparameters: [ExportedParameter], startTime: Double) -> [UInt8] {
        plugin(field: 3) { start in
            for parameter in hyperparameters {
                start.message(1) { entry in
                    entry.string(1, parameter.key)
                    entry.message(2) { value in
                        switch parameter.value {
                        case .int(let i): value.double(2, Double(i))
                        case .double(let d): value.double(2, d)
                        case .bool(let b): value.bool(4, b)
                        default: value.string(3, parameter.text)
                        }
                    }
                }
            }
            start.double(5, startTime)
        }
    }

    /// `HParamsPluginData { session_end_info { status, end_time_secs } }`: SUCCESS for a complete
    /// training, FAILURE for an interrupted one.
    static func sessionEnd(complete: Bool, endTime: Double) -> [UInt8] {
        plugin(field: 4) { end in
            end.int(1, complete ? 1 : 2)
            end.double(2, endTime)
        }
    }

    /// The type an hyper-parameter's value exports as.
    static func type(of value: JSONValue) -> DataType {
        switch value {
        case .int, .double: return .float64
        case .bool: return .bool
        default: return .string
        }
    }

    private static func plugin(field: UInt64, _ body: (inout ProtobufWriter) -> Void) -> [UInt8] {
        var data = ProtobufWriter()
        data.message(field, body)
        return data.bytes
    }
}
