/// The shapes of the request-level faults.
enum RequestFaults {
    /// Bytes of an `oversize` body: 100 MiB, more than any sane `max_bytes`.
    static let oversizeBytes = 100 << 20

    /// 200 with an HTML page, as a gateway or a maintenance page answers.
    static func htmlErrorPage() -> SimResponse {
        let html = """
            <!DOCTYPE html>
            <html lang="zh"><head><meta charset="utf-8"><title>系统维护</title></head>
            <body><h1>系统维护中，请稍后再试</h1><p>Service under maintenance, please try again later.</p></body></html>

            """
        return SimResponse(status: 200, contentType: "text/html; charset=utf-8", body: SimBody(bytes: Array(html.utf8)))
    }

    /// 200 with a JSON body that never ends: `{"items":[` and then spaces, 1 MiB at a time.
    static func oversize() -> SimResponse {
        let body = SimBody(contentLength: oversizeBytes) {
            let head = Array(#"{"items":["#.utf8)
            let chunk = [UInt8](repeating: 0x20, count: 1 << 20)
            var sent = 0
            return AnyIterator {
                guard sent < oversizeBytes else { return nil }
                if sent == 0 {
                    sent = chunk.count
                    return head + chunk.dropFirst(head.count)
                }
                sent += chunk.count
                return chunk
            }
        }
        return SimResponse(status: 200, contentType: SimResponse.json, body: body)
    }

    /// The answer cut in half (JSON that does not parse), or, for GB18030 CSV, with bytes that are
    /// not GB18030 in its first line.
    static func malformed(_ response: SimResponse, csv: Bool) -> SimResponse {
        var bytes = response.body.collect()
        if csv {
            bytes.insert(contentsOf: [0xFF, 0xFF, 0xFE], at: min(bytes.count, 6))
        } else {
            bytes = Array(bytes.prefix(bytes.count / 2))
        }
        var spoiled = response
        spoiled.body = SimBody(bytes: bytes)
        return spoiled
    }

    /// Half the body under a `Content-Length` for all of it; the server then closes the connection.
    static func truncated(_ response: SimResponse) -> SimResponse {
        let bytes = response.body.collect()
        var spoiled = response
        spoiled.body = SimBody(bytes: Array(bytes.prefix(bytes.count / 2)))
        spoiled.declaredLength = max(bytes.count, 1)
        return spoiled
    }
}
