#include <zlib.h>

static inline int aimz_inflateInit(z_streamp strm) { return inflateInit(strm); }
static inline int aimz_inflateInit2(z_streamp strm, int windowBits) { return inflateInit2(strm, windowBits); }
static inline int aimz_deflateInit2(z_streamp strm, int level, int method, int windowBits, int memLevel, int strategy) {
    return deflateInit2(strm, level, method, windowBits, memLevel, strategy);
}
