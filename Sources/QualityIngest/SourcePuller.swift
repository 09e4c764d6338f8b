import Foundation
import QualityCore
import QualityRecords

/// Pulls one source: its pages in order, each with retries, all or nothing.
struct SourcePuller: Sendable {
    let plan: SourcePlan
    let fetcher: any HTTPFetching
    let retry: RetryPolicy
    let maxPages: Int
    let now: @Sendable () -> Date

    func pull(period: Period, progress: PullProgressHandler?) async -> SourcePullOutcome {
        let source = plan.source
        let startedAt = now()
        let clock = ContinuousClock()
        let start = clock.now
        var validator = RecordValidator(plan: plan)
        var pages = 0, bytes = 0, records = 0, attempts = 0
        var failure: FetchError?
        let base = source.url(for: period)
        var page = 1
        // The next page is fetched and decoded while this one is validated: on loopback the
        // bureau, the JSON parser and the validator then keep both cores busy. Only pages the
        // sequential walk would fetch are requested, in the same order.
        var next = fetchTask(url: Puller.pageURL(base, page: page, pagination: source.pagination))
        paging: while true {
            let url = Puller.pageURL(base, page: page, pagination: source.pagination)
            let pending = next
            let fetched = await withTaskCancellationHandler {
                await pending.value
            } onCancel: {
                pending.cancel()
            }
            attempts += fetched.attempts
            let decoded: RecordPage
            switch fetched.result {
            case .success(let (size, recordPage)):
                decoded = recordPage
                bytes += size
            case .failure(var error):
                let shown = Redaction.url(url)
                let place = source.pagination == nil ? shown : "page \(page) \(shown)"
                let message = Redaction.scrub(error.message, passwordsOf: [url, source.connection.proxy ?? ""])
                error.message = "\(place): \(message)"
                failure = error
                break paging
            }
            let full = source.pagination.map { decoded.count >= $0.size } ?? false
            if full, page < maxPages {
                next = fetchTask(url: Puller.pageURL(base, page: page + 1, pagination: source.pagination))
            }
            validator.consume(decoded)
            pages += 1
            records += decoded.count
            progress?(PullProgress(sourceID: source.id, pages: pages, records: records, bytes: bytes))
            guard full, let pagination = source.pagination else { break }
            if page >= maxPages {
                failure = FetchError(
                    .tooLarge, "\(Redaction.url(url)): more than \(maxPages) pages of \(pagination.size) records")
                break
            }
            page += 1
        }
        let duration = clock.now - start
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        var result = SourcePullOutcome(
            sourceID: source.id, period: period.description, startedAt: startedAt, finishedAt: now(),
            duration: seconds, bytes: bytes, pages: pages, attempts: attempts, result: .success)
        if let failure {
            result.result = failure.result
            result.error = failure.message
        } else {
            result.accepted = validator.accepted
            result.rejected = validator.rejected
            result.data = validator.finish(period: period.description)
        }
        progress?(
            PullProgress(sourceID: source.id, pages: pages, records: records, bytes: bytes, result: result.result))
        return result
    }

    /// A page being fetched and decoded, with the attempts it took.
    private struct FetchedPage: Sendable {
        var result: Result<(Int, RecordPage), FetchError>
        var attempts: Int
    }

    private func fetchTask(url: String) -> Task<FetchedPage, Never> {
        Task {
            var attempts = 0
            let result = await fetchPage(url: url, attempts: &attempts)
            return FetchedPage(result: result, attempts: attempts)
        }
    }

    /// One page, fetched and decoded, retried with backoff while the failure may pass.
    private func fetchPage(url: String, attempts: inout Int) async -> Result<(Int, RecordPage), FetchError> {
        let source = plan.source
        var request = FetchRequest(
            url: url, headers: source.headers, timeout: source.timeout, maxBytes: source.maxBytes)
        request.transport = source.transport
        request.connection = source.connection
        var generator = SystemRandomNumberGenerator()
        var tries = 0
        while true {
            tries += 1
            attempts += 1
            var failure: FetchError
            do {
                let body = try await fetcher.fetch(request)
                let page = try PageDecoder.parse(body.bytes, contentType: body.contentType, source: source)
                return .success((body.bytes.count, page))
            } catch {
                failure = error
            }
            if tries > 1 { failure.message += " (after \(tries) attempts)" }
            guard failure.isRetryable, tries <= source.retries, !Task.isCancelled else { return .failure(failure) }
            let delay = retry.delay(retry: tries, using: &generator)
            do {
                try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
            } catch {
                failure.message += " (cancelled while waiting to retry)"
                return .failure(failure)
            }
        }
    }
}
