import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// HTTP/1.1 over a plain socket to 127.0.0.1, for what a test client hides: any `Host`, a
/// connection left idle or a request head sent halfway. Blocking calls run on a thread of their
/// own, never on the concurrency pool the daemon under test needs.
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `request` on a new connection and reads until the server closes it (send
    /// `Connection: close`) or `timeout` passes.
    static func exchange(port: Int, _ request: String, timeout: Double = 10) async throws -> String {
        try await offPool {
            let fd = try connect(port: port, timeout: timeout)
            defer { close(fd) }
            try send(fd, request)
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { break }
                received += buffer[0..<n]
            }
            return String(decoding: received, as: UTF8.self)
        }
    }

    /// The status code of a raw response (`HTTP/1.1 421 Misdirected Request` → 421), 0 if none.
    static func status(_ response: String) -> Int {
        let parts = response.prefix { $0 != "\r" }.split(separator: " ")
        return parts.count >= 2 ? Int(parts[1]) ?? 0 : 0
    }

    /// Connects, sends `prefix` (maybe nothing, maybe half a request head) and waits: the seconds
    /// until the server closed the connection, or nil when it was still open after `limit`.
    static func secondsUntilClosed(port: Int, sending prefix: String, limit: Double) async throws -> Double? {
        try await offPool {
            let fd = try connect(port: port, timeout: limit)
            defer { close(fd) }
            let start = Date()
            if !prefix.isEmpty { try send(fd, prefix) }
            var byte: UInt8 = 0
            let n = recv(fd, &byte, 1, 0)
            if n == 0 { return Date().timeIntervalSince(start) }
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            if n < 0 { return Date().timeIntervalSince(start) }  // reset: closed as well
            throw Failure(description: "the server sent data on a connection that sent no request")
        }
    }

    private static func connect(port: Int, timeout: Double) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "connect to 127.0.0.1:\(port): errno \(errno)")
        }
        return fd
    }

    private static func send(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
            sent += n
        }
    }

    private static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
