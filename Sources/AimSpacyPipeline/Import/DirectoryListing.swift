#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder's entries read with `readdir`, as the bytes they are: on Linux a name is any bytes but
/// `/` and NUL, and a name that is not valid UTF-8 cannot be turned into a `String` path and back.
struct DirectoryListing {
    /// The names that are valid UTF-8 (all but `.` and `..`).
    var names: [String] = []
    /// The names that are not.
    var invalidNames: [[UInt8]] = []

    init?(_ path: String) {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == [0x2e] || bytes == [0x2e, 0x2e] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                names.append(name)
            } else {
                invalidNames.append(bytes)
            }
        }
    }

    /// A name for messages: printable ASCII as it is, every other byte as `\xNN`.
    static func shown(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            (0x20..<0x7f).contains(byte) && byte != 0x5c
                ? String(UnicodeScalar(byte)) : "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}
