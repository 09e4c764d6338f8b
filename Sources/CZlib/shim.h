#include <zlib.h>

// deflateInit2 and inflateInit2 are macros, which Swift does not import.

/// A deflate stream that writes the gzip wrapper (RFC 1952): window 15 bits, +16 for gzip.
static inline int czlib_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/// An inflate stream that reads gzip or zlib (window 15 bits, +32 detects the wrapper).
static inline int czlib_inflate_init_auto(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
