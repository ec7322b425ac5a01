import CAimZlib

/// Decodes 8-bit RGB/RGBA PNG screenshots (what Chromium writes), enough to tell a blank one from a page.
struct PNGImage {
    var width = 0
    var height = 0
    var pixels: [UInt32] = []

    init?(_ bytes: [UInt8]) {
        guard bytes.count > 8, Array(bytes[0..<8]) == [137, 80, 78, 71, 13, 10, 26, 10] else { return nil }
        var offset = 8
        var idat: [UInt8] = []
        var bitDepth = 0, colourType = 0
        func u32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        while offset + 8 <= bytes.count {
            let length = u32(offset)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let data = offset + 8
            guard data + length <= bytes.count else { return nil }
            if type == "IHDR" {
                width = u32(data)
                height = u32(data + 4)
                bitDepth = Int(bytes[data + 8])
                colourType = Int(bytes[data + 9])
            } else if type == "IDAT" {
                idat += bytes[data..<(data + length)]
            }
            offset = data + length + 4
        }
        guard bitDepth == 8, colourType == 2 || colourType == 6, width > 0, height > 0 else { return nil }
        let bpp = colourType == 6 ? 4 : 3
        let stride = width * bpp
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            idat.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &rawLength, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { return nil }
        var previous = [UInt8](repeating: 0, count: stride)
        var line = [UInt8](repeating: 0, count: stride)
        pixels.reserveCapacity(width * height)
        for y in 0..<height {
            let base = y * (stride + 1)
            let filter = raw[base]
            for x in 0..<stride {
                let a = x >= bpp ? Int(line[x - bpp]) : 0
                let b = Int(previous[x])
                let c = x >= bpp ? Int(previous[x - bpp]) : 0
                let v = Int(raw[base + 1 + x])
                let predictor: Int
                switch filter {
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: predictor = 0
                }
                line[x] = UInt8((v + predictor) & 0xFF)
            }
            for x in 0..<width {
                let p = x * bpp
                pixels.append(UInt32(line[p]) << 16 | UInt32(line[p + 1]) << 8 | UInt32(line[p + 2]))
            }
            swap(&previous, &line)
        }
    }

    var distinctColours: Int { Set(pixels).count }
}
