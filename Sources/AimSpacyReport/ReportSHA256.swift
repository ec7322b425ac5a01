import AimSpacyModel
import Foundation

/// The Content-Security-Policy hashes of the report's own inline scripts.
enum ReportSHA256 {
    /// Base64 of the SHA-256 digest of `s`, as CSP's `'sha256-…'` source expects.
    static func base64(_ s: String) -> String {
        var hasher = SHA256()
        hasher.update(Array(s.utf8))
        return Data(hasher.finalizeBytes()).base64EncodedString()
    }
}
