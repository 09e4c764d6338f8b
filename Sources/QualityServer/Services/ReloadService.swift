import ServiceLifecycle
import UnixSignals

/// Reloads the config on SIGHUP, as Prometheus does.
public struct ReloadService: Service {
    let reloader: Reloader

    public init(reloader: Reloader) {
        self.reloader = reloader
    }

    public func run() async {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            await reloader.reload(who: "SIGHUP")
        }
    }
}
