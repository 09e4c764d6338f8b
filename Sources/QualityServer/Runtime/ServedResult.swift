import NIOCore
import QualityCore
import QualityStore

/// The result the daemon serves: its JSON exactly as stored and, once parsed, its value.
///
/// After a restart the stored bytes are served by the API at once; the value (which the metrics and
/// readiness need) follows when parsing is done, which takes a while at national scale.
package struct ServedResult: Sendable {
    package var period: String
    /// The compact result JSON (`AssessmentResult.json(style: .compact)`), as stored with its run.
    package var json: ByteBuffer
    /// The run that produced it; nil only for results installed by tests.
    package var run: ScoringRun?
    /// Nil until the stored bytes are parsed.
    package var result: AssessmentResult?
    /// The snapshot the result was computed from, for explaining an enterprise's subsidies; after a
    /// restart read from the store on first use (`Runtime.servedSnapshot()`).
    package var snapshot: Snapshot?
    /// The weight sensitivity of the result (docs/SEMANTICS.md §15), once the run after scoring is done.
    package var sensitivity: SensitivityResult?
}
