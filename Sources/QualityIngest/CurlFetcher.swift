import CCurl
import Foundation
import QualityCore
import QualityRecords
import Synchronization

/// Fetches through libcurl: `sftp://`, `ftp://`, `ftps://`, `file://`, and `http(s)://` for
/// sources that say `transport: curl`; honours `proxy`, `ca_file`, `client_cert`, `client_key`
/// and `known_hosts`.
///
/// `curl_easy_perform` blocks, so each transfer runs on a thread of its own, never on Swift's
/// cooperative pool, and resumes the waiting task when it ends. The deadline covers the whole
/// transfer; the body is abandoned in the write callback as soon as it passes `maxBytes`;
/// cancelling the task aborts the transfer from curl's progress callback.
public struct CurlFetcher: HTTPFetching {
    public init() {}

    /// `curl_global_init` is not thread-safe: done once, before the first transfer.
    private static let initialized: Bool = qd_curl_global_init() == CURLE_OK

    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchedBody {
        guard Self.initialized else { throw FetchError(.connectionError, "libcurl could not be initialized") }
        let transfer = CurlTransfer(request)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation {
                (continuation: CheckedContinuation<Result<FetchedBody, FetchError>, Never>) in
                let thread = Thread { continuation.resume(returning: transfer.perform()) }
                thread.name = "qualityd-curl"
                thread.stackSize = 1 << 20
                thread.start()
            }
        } onCancel: {
            transfer.cancel()
        }
        return try result.get()
    }
}

/// One transfer: its options, the body received so far, and whether it was cancelled.
///
/// `@unchecked Sendable`: `body` and `overflowed` are touched only by the thread running
/// `perform` (and curl's callbacks on it); `cancelled` is atomic.
final class CurlTransfer: @unchecked Sendable {
    let request: FetchRequest
    private let cancelled = Atomic<Bool>(false)
    fileprivate var body: [UInt8] = []
    fileprivate var overflowed = false

    init(_ request: FetchRequest) {
        self.request = request
    }

    func cancel() { cancelled.store(true, ordering: .relaxed) }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Runs the transfer to its end on the calling thread.
    func perform() -> Result<FetchedBody, FetchError> {
        if isCancelled { return .failure(FetchError(.connectionError, "cancelled")) }
        guard let curl = curl_easy_init() else {
            return .failure(FetchError(.connectionError, "curl_easy_init failed"))
        }
        defer { curl_easy_cleanup(curl) }
        let scheme = SourceConfig.scheme(of: request.url)
        let isHTTP = SourceConfig.httpSchemes.contains(scheme)
        var headers: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headers) }
        if isHTTP {
            for header in request.headers { headers = curl_slist_append(headers, "\(header.name): \(header.value)") }
        }
        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = errorText.withUnsafeMutableBufferPointer { buffer in
            configure(curl, scheme: scheme, headers: headers)
            _ = qd_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            return curl_easy_perform(curl)
        }
        var status = 0
        _ = qd_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
        if code != CURLE_OK {
            let text = errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            let detail = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(failure(code, detail: detail, status: isHTTP && status > 0 ? status : nil))
        }
        guard isHTTP else { return .success(FetchedBody(status: 200, contentType: nil, bytes: body)) }
        guard (200..<300).contains(status) else {
            return .failure(FetchError(.httpError, "HTTP \(status)", status: status))
        }
        var contentType: UnsafeMutablePointer<CChar>?
        _ = qd_curl_getinfo_string(curl, CURLINFO_CONTENT_TYPE, &contentType)
        return .success(FetchedBody(status: status, contentType: contentType.map { String(cString: $0) }, bytes: body))
    }

    private func configure(_ curl: UnsafeMutableRawPointer, scheme: String, headers: UnsafeMutablePointer<curl_slist>?)
    {
        let milliseconds = max(1, Int(request.timeout * 1000))
        _ = qd_curl_setopt_string(curl, CURLOPT_URL, request.url)
        _ = qd_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = qd_curl_setopt_string(curl, CURLOPT_PROTOCOLS_STR, "http,https,ftp,ftps,sftp,file")
        _ = qd_curl_setopt_long(curl, CURLOPT_FOLLOWLOCATION, 1)
        _ = qd_curl_setopt_long(curl, CURLOPT_MAXREDIRS, 5)
        _ = qd_curl_setopt_string(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = qd_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, milliseconds)
        _ = qd_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, min(milliseconds, 5000))
        _ = qd_curl_setopt_off(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxBytes))
        _ = qd_curl_setopt_string(curl, CURLOPT_USERAGENT, "qualityd")
        // No proxy unless the source names one: not even one from http_proxy in the environment.
        _ = qd_curl_setopt_string(curl, CURLOPT_PROXY, request.connection.proxy ?? "")
        if let headers { _ = qd_curl_setopt_slist(curl, CURLOPT_HTTPHEADER, headers) }
        let connection = request.connection
        if scheme == "sftp" {
            if let key = connection.clientKey { _ = qd_curl_setopt_string(curl, CURLOPT_SSH_PRIVATE_KEYFILE, key) }
            if let knownHosts = connection.knownHosts {
                _ = qd_curl_setopt_string(curl, CURLOPT_SSH_KNOWNHOSTS, knownHosts)
            }
        } else {
            if let file = connection.caFile { _ = qd_curl_setopt_string(curl, CURLOPT_CAINFO, file) }
            if let file = connection.clientCert { _ = qd_curl_setopt_string(curl, CURLOPT_SSLCERT, file) }
            if let file = connection.clientKey { _ = qd_curl_setopt_string(curl, CURLOPT_SSLKEY, file) }
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = qd_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, context)
        _ = qd_curl_setopt_write(curl) { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            let n = size * count
            guard transfer.body.count + n <= transfer.request.maxBytes else {
                transfer.overflowed = true
                return 0  // curl aborts the transfer with CURLE_WRITE_ERROR
            }
            if let data, n > 0 {
                data.withMemoryRebound(to: UInt8.self, capacity: n) {
                    transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n))
                }
            }
            return n
        }
        _ = qd_curl_setopt_pointer(curl, CURLOPT_XFERINFODATA, context)
        _ = qd_curl_setopt_xferinfo(curl) { context, _, _, _, _ in
            guard let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
        }
        _ = qd_curl_setopt_long(curl, CURLOPT_NOPROGRESS, 0)
    }

    /// A failed transfer as the puller classifies failures: timeouts, oversized and truncated
    /// bodies, and what the server refused apart from connections that failed.
    private func failure(_ code: CURLcode, detail: String, status: Int?) -> FetchError {
        let reason = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let text = "\(reason) (curl error \(code.rawValue))"
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return FetchError(
                .timeout, "no complete response within \(AsyncHTTPFetcher.seconds(request.timeout)): \(text)")
        case CURLE_WRITE_ERROR where overflowed, CURLE_FILESIZE_EXCEEDED:
            return FetchError(.tooLarge, "body exceeds max_bytes \(request.maxBytes)", status: status)
        case CURLE_ABORTED_BY_CALLBACK where isCancelled:
            return FetchError(.connectionError, "cancelled")
        case CURLE_PARTIAL_FILE,
            CURLE_RECV_ERROR where !body.isEmpty:
            return FetchError(.decodeError, "truncated body after \(body.count) bytes: \(text)", status: status)
        case CURLE_REMOTE_FILE_NOT_FOUND, CURLE_FILE_COULDNT_READ_FILE, CURLE_FTP_COULDNT_RETR_FILE,
            CURLE_REMOTE_ACCESS_DENIED:
            // FTP servers answer a missing directory as a denied one.
            return FetchError(.httpError, "no such file, or no access: \(text)", status: status)
        case CURLE_LOGIN_DENIED:
            return FetchError(.httpError, "login refused: \(text)", status: status)
        default:
            return FetchError(.connectionError, text, status: status)
        }
    }
}
