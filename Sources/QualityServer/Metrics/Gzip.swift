import CZlib

/// gzip (RFC 1952) through the system zlib: the `/metrics` body is compressed once per render.
package enum Gzip {
    /// Why zlib refused: its return code and message.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var code: Int32
        package var message: String
        package var description: String { "zlib error \(code): \(message)" }
    }

    /// The bytes as one gzip member. Level 6 is zlib's default balance of size and speed.
    package static func compress(_ input: [UInt8], level: Int32 = 6) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        let initialized = czlib_deflate_init_gzip(&stream, level)
        guard initialized == Z_OK else { throw Failure(code: initialized, message: "deflateInit2 failed") }
        defer { deflateEnd(&stream) }
        // deflateBound covers the deflate data; the gzip header and trailer add 18 bytes.
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var status: Int32 = Z_OK
        var written = 0
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                status = deflate(&stream, Z_FINISH)
                written = target.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else {
            throw Failure(code: status, message: "deflate did not finish within its bound")
        }
        output.removeSubrange(written...)
        return output
    }

    /// The bytes of a gzip (or zlib) stream, for tests and clients; concatenated members are read in turn.
    package static func decompress(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var offset = 0
        while offset < input.count {
            var stream = z_stream()
            let initialized = czlib_inflate_init_auto(&stream)
            guard initialized == Z_OK else { throw Failure(code: initialized, message: "inflateInit2 failed") }
            defer { inflateEnd(&stream) }
            var status: Int32 = Z_OK
            let consumed: Int = input.withUnsafeBufferPointer { source in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress.map { $0 + offset })
                stream.avail_in = uInt(source.count - offset)
                repeat {
                    chunk.withUnsafeMutableBufferPointer { target in
                        stream.next_out = target.baseAddress
                        stream.avail_out = uInt(target.count)
                        status = inflate(&stream, Z_NO_FLUSH)
                        output.append(contentsOf: target[0..<(target.count - Int(stream.avail_out))])
                    }
                } while status == Z_OK
                return source.count - offset - Int(stream.avail_in)
            }
            guard status == Z_STREAM_END else {
                throw Failure(code: status, message: "corrupt or truncated gzip data at byte \(offset + consumed)")
            }
            offset += consumed
        }
        return output
    }
}
