import ArgumentParser
import BureauSim
import Glibc

/// `bureau-sim`: the simulated bureau services (docs/SEMANTICS.md §2 and §9), and `bureau-sim print-config`.
@main
struct BureauSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bureau-sim",
        abstract: "Simulated bureau HTTP services for qualityd demos, tests and benchmarks.",
        subcommands: [Serve.self, PrintConfig.self],
        defaultSubcommand: Serve.self
    )

    /// Exit codes of docs/SEMANTICS.md §2: 0 success, 2 usage error, 3 runtime failure.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            let line = "bureau-sim: \(fullMessage(for: error))\n"
            _ = line.utf8CString.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress, $0.count - 1) }
            Glibc.exit(code == .validationFailure || error is ValidationError ? 2 : 3)
        }
    }
}

/// The world options both subcommands share.
struct WorldOptions: ParsableArguments {
    @Option(help: "Address to listen on, host:port (port 0: any free port).")
    var listen = "127.0.0.1:9471"

    @Option(help: "Seed of the simulated data: same seed and period, same answers.")
    var seed: UInt64 = 1

    @Option(help: "Number of districts: 10 is Ningbo (fewer: its first N), more builds a synthetic world.")
    var districts = 10

    @Option(help: "Number of enterprises.")
    var enterprises = 3000

    @Option(help: "The bearer token clients must send.")
    var token = "demo-bureau-token"

    func validate() throws {
        guard districts >= 1, districts <= 99_999 else { throw ValidationError("--districts must be 1…99999") }
        guard enterprises >= 0, enterprises <= 500_000_000 else {
            throw ValidationError("--enterprises must be 0…500000000")
        }
        guard ListenAddress(listen) != nil else { throw ValidationError("--listen must be host:port, not '\(listen)'") }
        guard !token.isEmpty else { throw ValidationError("--token must not be empty") }
    }

    var world: World { World(seed: seed, districts: districts, enterprises: enterprises) }

    var address: ListenAddress { ListenAddress(listen) ?? ListenAddress(host: "127.0.0.1", port: 9471) }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the simulated bureau APIs (the default).")

    @OptionGroup var options: WorldOptions

    @Option(help: "Faults to inject, e.g. \"500:0.1,slow:0.05,bad_uscc:0.01@/jxj/enterprises\".")
    var faults = ""

    @Option(name: .customLong("slow-seconds"), help: "How long a 'slow' fault waits before answering.")
    var slowSeconds = 15.0

    func validate() throws {
        do {
            _ = try FaultPlan(parsing: faults)
        } catch {
            throw ValidationError("--faults: \(error.message)")
        }
        guard slowSeconds >= 0 else { throw ValidationError("--slow-seconds must not be negative") }
    }

    func run() async throws {
        let plan = try FaultPlan(parsing: faults)
        let simulator = Simulator(
            world: options.world, token: options.token, faults: plan, slowSeconds: slowSeconds)
        let address = options.address
        do {
            try await SimServer.run(simulator: simulator, address: address) { port in
                print("bureau-sim listening on \(ListenAddress(host: address.host, port: port).baseURL)")
                fflush(nil)
            }
        } catch {
            throw ServeError(message: "cannot serve on \(address): \(error)")
        }
    }
}

/// A runtime failure of `serve` (exit 3), naming the address.
struct ServeError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

struct PrintConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print-config",
        abstract: "Print a qualityd config.yaml whose districts and sources match the simulated world.")

    @OptionGroup var options: WorldOptions

    func run() throws {
        let config = DemoConfig(world: options.world, listen: options.address, token: options.token)
        print(config.yaml, terminator: "")
    }
}
