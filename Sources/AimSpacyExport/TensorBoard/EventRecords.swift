/// The `tensorflow.Event` records of an event file, protobuf-encoded (field numbers of TensorFlow's
/// `event.proto`, `summary.proto` and `tensor.proto`).
enum EventRecords {
    /// The first record of every event file: `file_version: "brain.Event:2"`, and the writer's name
    /// in `source_metadata` so that a later export can tell its own files from others'.
    static func fileVersion(wallTime: Double, writer: String) -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.string(3, "brain.Event:2")
        event.message(10) { $0.string(1, writer) }
        return event.bytes
    }

    /// A scalar point: `Summary.Value.simple_value`, TensorBoard's scalar form.
    static func scalar(tag: String, value: Float, step: Int, wallTime: Double) -> [UInt8] {
        event(step: step, wallTime: wallTime) { summaryValue in
            summaryValue.string(1, tag)
            summaryValue.float(2, value)
        }
    }

    /// A text summary (plugin `text`): a scalar string tensor.
    static func text(tag: String, text: String, step: Int, wallTime: Double) -> [UInt8] {
        event(step: step, wallTime: wallTime) { summaryValue in
            summaryValue.string(1, tag)
            summaryValue.message(9) { metadata in
                metadata.message(1) { $0.string(1, "text") }
                metadata.int(4, 2)  // DATA_CLASS_TENSOR
            }
            summaryValue.message(8) { tensor in
                tensor.int(1, 7)  // DT_STRING
                tensor.message(2) { _ in }  // a scalar: no dimensions
                tensor.string(8, text)
            }
        }
    }

    /// A summary that carries only plugin data (the `hparams` plugin's records).
    static func pluginData(tag: String, plugin: String, content: [UInt8], wallTime: Double) -> [UInt8] {
        event(step: 0, wallTime: wallTime) { summaryValue in
            summaryValue.string(1, tag)
            summaryValue.message(9) { metadata in
                metadata.message(1) { pluginData in
                    pluginData.string(1, plugin)
                    pluginData.bytes(2, content)
                }
            }
        }
    }

    /// An `Event` with one `Summary.Value`.
    private static func event(step: Int, wallTime: Double, _ value: (inout ProtobufWriter) -> Void) -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        if step != 0 { event.int(2, Int64(step)) }
        event.message(5) { summary in summary.message(1, value) }
        return event.bytes
    }
}
