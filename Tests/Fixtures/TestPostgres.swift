import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL server for the tests of one test process: Debian's `postgresql` binaries, `initdb`
/// into a temporary directory, `pg_ctl start` on a free port of 127.0.0.1, started on first use and
/// shared; each test asks for a database of its own. PostgreSQL refuses to run as root, so as root
/// the server runs as the `postgres` user through `runuser`.
///
/// The server stops when the test process exits (an `atexit` hook), and a watchdog stops it should
/// the process die without exiting (a crash, kill -9). Without the binaries, `shared()` throws an
/// error saying how to install them: the PostgreSQL cases then fail, never skip.
public final class TestPostgres: Sendable {
    public let port: Int
    /// The temporary directory: the data directory, the socket, the log.
    public let directory: String
    let binaries: String
    let runAsPostgres: Bool

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Result<TestPostgres, Failure>?

    /// The server of this process, started on first call.
    public static func shared() throws -> TestPostgres {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let outcome: Result<TestPostgres, Failure>
        do {
            outcome = .success(try TestPostgres())
        } catch let failure as Failure {
            outcome = .failure(failure)
        } catch {
            outcome = .failure(Failure(description: "\(error)"))
        }
        started = outcome
        if case .success = outcome { atexit { TestPostgres.stopAtExit() } }
        return try outcome.get()
    }

    /// A new empty database; its URL (user `postgres`, no password: the server trusts local connections).
    public func createDatabase() throws -> String {
        let name = "qt_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try run(
            binaries + "/psql",
            [
                "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", "postgres", "-X", "-v", "ON_ERROR_STOP=1",
                "-qc",
                "CREATE DATABASE \(name)",
            ],
            asPostgres: false)
        return url(database: name)
    }

    /// The URL of `database` on this server.
    public func url(database: String) -> String {
        "postgres://postgres@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// The directory of the server's binaries (`pg_dump`, `pg_restore`, `psql`).
    public var binDirectory: String { binaries }

    private init() throws {
        guard let binaries = Self.findBinaries() else {
            throw Failure(
                description:
                    "PostgreSQL server binaries not found (initdb and pg_ctl in /usr/lib/postgresql/*/bin): "
                    + "install Debian's postgresql package (scripts/setup does)")
        }
        self.binaries = binaries
        runAsPostgres = geteuid() == 0
        directory = "/tmp/qualityd-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if runAsPostgres {
            guard let user = getpwnam("postgres") else {
                throw Failure(description: "running as root needs the postgres user, which the postgresql package adds")
            }
            guard chown(directory, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
                throw Failure(description: "cannot give \(directory) to postgres: \(String(cString: strerror(errno)))")
            }
        }
        _ = chmod(directory, 0o700)
        port = try Self.freePort()
        try startWatchdog()
        let data = directory + "/data"
        try run(
            binaries + "/initdb",
            ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            asPostgres: true)
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        try run(
            binaries + "/pg_ctl", ["-D", data, "-o", options, "-l", directory + "/log", "-w", "-t", "60", "start"],
            asPostgres: true)
    }

    /// Stops the server at once (SIGQUIT to the postmaster: an immediate shutdown) and removes its directory.
    private static func stopAtExit() {
        guard case .success(let server)? = started else { return }
        server.stop()
    }

    func stop() {
        _ = try? run(
            binaries + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"], asPostgres: true)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A shell that outlives this process only until it notices its death, then stops the server.
    private func startWatchdog() throws {
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            if [ -f \(directory)/data/postmaster.pid ]; then kill -QUIT "$(head -1 \(directory)/data/postmaster.pid)"; fi
            sleep 1; rm -rf \(directory)
            """
        _ = try spawn(["/bin/sh", "-c", script], output: "/dev/null")
    }

    private static func findBinaries() -> String? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let bin = "/usr/lib/postgresql/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: bin + "/initdb"),
                FileManager.default.isExecutableFile(atPath: bin + "/pg_ctl")
            {
                return bin
            }
        }
        return nil
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw Failure(description: "bind: \(String(cString: strerror(errno)))") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure(description: "getsockname: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a PostgreSQL program to its end (as `postgres` when `asPostgres` and this process is root);
    /// a failure carries what it printed.
    @discardableResult
    public func run(_ program: String, _ arguments: [String], asPostgres: Bool) throws -> String {
        let argv =
            asPostgres && runAsPostgres
            ? ["/sbin/runuser", "-u", "postgres", "--", program] + arguments : [program] + arguments
        let outputPath = directory + "/run-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let pid = try spawn(argv, output: outputPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let said = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // Exited normally (no signal) with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let name = URL(fileURLWithPath: program).lastPathComponent
            throw Failure(description: "\(name) \(arguments.joined(separator: " ")) failed (\(status)): \(said)")
        }
        return said
    }

    /// Starts `argv` with stdin from /dev/null, stdout and stderr into `output`, and no other
    /// descriptor of this process: the server that `pg_ctl start` leaves running must not hold
    /// one (with Foundation's `Process`, waiting for `pg_ctl start` lasted as long as the server).
    private func spawn(_ argv: [String], output: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let inherited = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in inherited.compactMap(Int32.init) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let arguments = argv.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, arguments, environ)
        guard rc == 0 else {
            throw Failure(description: "cannot start \(argv[0]): \(String(cString: strerror(rc)))")
        }
        return pid
    }
}
