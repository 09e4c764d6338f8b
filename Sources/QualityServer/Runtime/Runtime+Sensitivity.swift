import QualityCore

extension Runtime {
    /// The weight sensitivity of `result` when it is the served result and its run is done; nil
    /// otherwise (a published list's frozen result, another period, or a run not finished).
    package nonisolated func sensitivity(for result: AssessmentResult) async -> SensitivityResult? {
        guard let served = await served, let sensitivity = served.sensitivity, served.period == result.period,
            served.result?.snapshotSHA256 == result.snapshotSHA256, served.result?.configSHA256 == result.configSHA256
        else { return nil }
        return sensitivity
    }
}
