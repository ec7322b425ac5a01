import AimSpacyModel

/// SHA-256 in the forms the report needs: hex for stable file names and render ids, base64 for the
/// Content-Security-Policy hashes of its own inline scripts.
enum ReportSHA256 {
    /// The 32-byte digest of `bytes`.
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeBytes()
    }

    static func hex(_ s: String) -> String { SHA256.hex(Array(s.utf8)) }

    static func hex(bytes: [UInt8]) -> String { SHA256.hex(bytes) }

    /// Base64 of the digest of `s`, as CSP's `'sha256-…'` source expects.
    static func base64(_ s: String) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let d = digest(Array(s.utf8))
        var out = ""
        var i = 0
        while i < d.count {
            let b0 = Int(d[i]), b1 = i + 1 < d.count ? Int(d[i + 1]) : 0, b2 = i + 2 < d.count ? Int(d[i + 2]) : 0
            out.append(table[b0 >> 2])
            out.append(table[((b0 & 3) << 4) | (b1 >> 4)])
            out.append(i + 1 < d.count ? table[((b1 & 15) << 2) | (b2 >> 6)] : "=")
            out.append(i + 2 < d.count ? table[b2 & 63] : "=")
            i += 3
        }
        return out
    }
}
