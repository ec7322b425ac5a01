/// MurmurHash64A, as `murmurhash.mrmr.hash64` computes it (spaCy's `hash_string` uses seed 1).
public enum MurmurHash {
    public static func hash64A(_ key: UnsafeRawBufferPointer, seed: UInt64 = 1) -> UInt64 {
        let m: UInt64 = 0xc6a4_a793_5bd1_e995
        let r: UInt64 = 47
        let length = key.count
        var h = seed ^ (UInt64(length) &* m)
        let blocks = length / 8
        for block in 0..<blocks {
            var k = UInt64(littleEndian: key.loadUnaligned(fromByteOffset: block * 8, as: UInt64.self))
            k = k &* m
            k ^= k >> r
            k = k &* m
            h ^= k
            h = h &* m
        }
        let tail = length & 7
        if tail > 0 {
            let base = blocks * 8
            for i in stride(from: tail - 1, through: 0, by: -1) {
                h ^= UInt64(key[base + i]) << (8 * UInt64(i))
            }
            h = h &* m
        }
        h ^= h >> r
        h = h &* m
        h ^= h >> r
        return h
    }

    /// MurmurHash64A of a string's UTF-8 bytes with seed 1 (`spacy.strings.hash_string`).
    public static func hashString(_ string: String) -> UInt64 {
        var copy = string
        return copy.withUTF8 { hash64A(UnsafeRawBufferPointer($0)) }
    }
}
