import ServiceLifecycle
import UnixSignals

/// Reloads the config on SIGHUP, as Prometheus does.
package struct ReloadService: Service {
    let reloader: Reloader

    package func run() async {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            await reloader.reload(who: "SIGHUP")
        }
    }
}
