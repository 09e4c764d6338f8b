import Foundation
import Testing

/// Real servers for the file-drop transports, started on free loopback ports for one test and
/// stopped after it: Debian's OpenSSH sshd (SFTP) and pyftpdlib (FTP). A server that is not
/// installed fails the test naming what to install; it never skips.
enum DropServers {
    /// A temp directory removed after `body`.
    static func withTempDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qualityd-drop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try await body(dir)
    }

    /// The user this process runs as (the SFTP login).
    static var userName: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "root" }
        return String(cString: name)
    }

    /// sshd serving SFTP on 127.0.0.1 with throwaway keys in `dir`; `body` gets the port, the
    /// user's private key file and a known_hosts file holding the server's host key.
    static func withSSHD<T>(in dir: URL, _ body: (_ port: Int, _ key: String, _ knownHosts: String) async throws -> T)
        async throws -> T
    {
        let sshd = "/usr/sbin/sshd"
        try #require(
            FileManager.default.isExecutableFile(atPath: sshd),
            "\(sshd) not found: the SFTP tests need Debian's openssh-server (scripts/setup installs it)")
        let keygen = try #require(which("ssh-keygen"), "ssh-keygen not found (Debian openssh-client)")
        let ssh = dir.appendingPathComponent("ssh")
        try FileManager.default.createDirectory(at: ssh, withIntermediateDirectories: true)
        let hostKey = ssh.appendingPathComponent("host_ed25519").path
        let userKey = ssh.appendingPathComponent("user_ed25519").path
        for (file, comment) in [(hostKey, "host"), (userKey, "user")] {
            let status = try Child.run(
                keygen, ["-q", "-t", "ed25519", "-N", "", "-C", "qualityd-test-\(comment)", "-f", file],
                log: ssh.appendingPathComponent("keygen.log").path)
            try #require(status == 0, "ssh-keygen failed: \(readLog(ssh.appendingPathComponent("keygen.log")))")
        }
        try FileManager.default.copyItem(
            atPath: userKey + ".pub", toPath: ssh.appendingPathComponent("authorized_keys").path)
        if geteuid() == 0 {
            // sshd running as root insists on its privilege separation directory.
            try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        }
        let port = try freePort()
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(hostKey)
            PidFile \(ssh.path)/sshd.pid
            AuthorizedKeysFile \(ssh.path)/authorized_keys
            AuthenticationMethods publickey
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            AllowUsers \(userName)
            Subsystem sftp internal-sftp
            """
        let configFile = ssh.appendingPathComponent("sshd_config").path
        try config.write(toFile: configFile, atomically: true, encoding: .utf8)
        let hostPublic = try String(contentsOfFile: hostKey + ".pub", encoding: .utf8)
            .split(separator: " ").prefix(2).joined(separator: " ")
        let knownHosts = ssh.appendingPathComponent("known_hosts").path
        try "[127.0.0.1]:\(port) \(hostPublic)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)

        let log = ssh.appendingPathComponent("sshd.log")
        let child = try Child.start(sshd, ["-D", "-e", "-f", configFile], log: log.path)
        defer { child.stop() }
        try await waitForPort(port, child: child, name: "sshd", log: log)
        return try await body(port, userKey, knownHosts)
    }

    /// pyftpdlib serving `root` read-only on 127.0.0.1 to `user`/`password`; `body` gets the port.
    static func withFTPServer<T>(root: URL, user: String, password: String, _ body: (_ port: Int) async throws -> T)
        async throws -> T
    {
        // The first python3 on PATH that has pyftpdlib (swift test may put /usr/bin ahead of the
        // interpreter scripts/setup installed into).
        let pythons = candidates("python3")
        let probeLog = root.deletingLastPathComponent().appendingPathComponent("probe.log").path
        let python = try #require(
            try pythons.first { try Child.run($0, ["-c", "import pyftpdlib"], log: probeLog) == 0 },
            "no python3 with pyftpdlib among \(pythons): the FTP tests need it (scripts/setup installs it)")
        let script = """
            import sys
            from pyftpdlib.authorizers import DummyAuthorizer
            from pyftpdlib.handlers import FTPHandler
            from pyftpdlib.servers import FTPServer
            authorizer = DummyAuthorizer()
            authorizer.add_user(sys.argv[1], sys.argv[2], sys.argv[3], perm="elr")
            FTPHandler.authorizer = authorizer
            server = FTPServer(("127.0.0.1", 0), FTPHandler)
            print(server.address[1], flush=True)
            server.serve_forever()
            """
        let log = root.deletingLastPathComponent().appendingPathComponent("ftp.log")
        let child = try Child.start(python, ["-c", script, user, password, root.path], log: log.path)
        defer { child.stop() }
        // The server prints its port once it listens.
        var port: Int?
        for _ in 0..<100 where port == nil {
            try #require(child.isRunning, "pyftpdlib exited: \(readLog(log))")
            port = readLog(log).split(separator: "\n").compactMap { Int($0) }.first
            if port == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let listening = try #require(port, "pyftpdlib did not start within 10 s: \(readLog(log))")
        return try await body(listening)
    }

    // MARK: Processes

    static func which(_ tool: String) -> String? { candidates(tool).first }

    /// Every executable `tool` on PATH (then /usr/sbin, /usr/bin), in order.
    static func candidates(_ tool: String) -> [String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var found: [String] = []
        for dir in path.split(separator: ":") + ["/usr/sbin", "/usr/bin"] {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate), !found.contains(candidate) {
                found.append(candidate)
            }
        }
        return found
    }

    static func readLog(_ log: URL) -> String {
        (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
    }

    /// 127.0.0.1:`port` (0: any free port) as a socket address.
    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    /// A port nothing listens on right now (bound, read, released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until something accepts connections on `port`, or fails with the server's log.
    static func waitForPort(_ port: Int, child: Child, name: String, log: URL) async throws {
        for _ in 0..<100 {
            try #require(child.isRunning, "\(name) exited: \(readLog(log))")
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = loopback(port: port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(fd)
            if connected { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("\(name) did not listen on 127.0.0.1:\(port) within 10 s: \(readLog(log))")
        throw CancellationError()
    }
}

/// A child process started with posix_spawn, output to a log file. Not Foundation's `Process`:
/// it takes the child's closing of the descriptors it inherited for its exit and then waits for
/// it, blocking every other `Process` of the test run, and sshd closes them at start.
final class Child: Sendable {
    let pid: pid_t

    private init(pid: pid_t) {
        self.pid = pid
    }

    static func start(_ tool: String, _ arguments: [String], log: String) throws -> Child {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv + envp { free(p) }
        }
        // The test runner blocks signals its children would inherit: start with none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let status = posix_spawn(&pid, tool, &actions, &attributes, argv, envp)
        try #require(status == 0, "cannot start \(tool): \(String(cString: strerror(status)))")
        return Child(pid: pid)
    }

    /// Runs `tool` to its end; its exit status.
    static func run(_ tool: String, _ arguments: [String], log: String) throws -> Int32 {
        try start(tool, arguments, log: log).wait()
    }

    /// Whether the child still runs (a child that ended is reaped here).
    var isRunning: Bool { waitpid(pid, nil, WNOHANG) == 0 }

    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }

    /// SIGKILL (a test server has nothing to save), then waits for it to end.
    func stop() {
        guard isRunning else { return }
        kill(pid, SIGKILL)
        _ = wait()
    }
}
