// r2s-bench-s3: drives the S3 client for scripts/bench/s3.sh (the storage commands that will
// use it do not exist yet). Configuration comes from the R2_* environment variables.
//
//   r2s-bench-s3 mkbucket                  create R2_BUCKET
//   r2s-bench-s3 populate N PREFIX         put N tiny objects PREFIX000000…
//   r2s-bench-s3 list [PREFIX]             list everything, print each key (as `rclone lsf -R` does)
//   r2s-bench-s3 upload DIR PREFIX         upload every file of DIR to PREFIX/<name>
//   r2s-bench-s3 copy N PREFIX BUCKET JOBS server-side copy (CopyObject) of PREFIX000000… (as
//                                          populate wrote them) into BUCKET, JOBS at a time;
//                                          prints "copies seconds copies/s" (the server's floor)
import FoundationEssentials
import ObjectStore
import S3

#if canImport(Glibc)
@preconcurrency import Glibc  // stderr is a C global
#endif

func fail(_ message: String) -> Never {
    fputs("r2s-bench-s3: \(message)\n", stderr)
    exit(1)
}

func environment() -> [String: String] {
    var env: [String: String] = [:]
    var p = environ
    while let entry = p.pointee {
        let s = String(cString: entry)
        if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
        p += 1
    }
    return env
}

func files(in dir: String) -> [String] {
    guard let d = opendir(dir) else { fail("cannot open \(dir)") }
    defer { closedir(d) }
    var names: [String] = []
    while let entry = readdir(d) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            raw.bindMemory(to: CChar.self).baseAddress.map { String(cString: $0) } ?? ""
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}

/// Runs `work` for each item with at most `width` in flight.
func forEach<T: Sendable>(_ items: [T], width: Int, _ work: @escaping @Sendable (T) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var next = 0
        while next < min(width, items.count) {
            let item = items[next]
            group.addTask { try await work(item) }
            next += 1
        }
        while try await group.next() != nil, next < items.count {
            let item = items[next]
            group.addTask { try await work(item) }
            next += 1
        }
        try await group.waitForAll()
    }
}

/// PREFIX followed by `i` on six digits (the keys `populate` writes).
func numbered(_ prefix: String, _ i: Int) -> String {
    let digits = String(i)
    return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
}

let args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else { fail("usage: r2s-bench-s3 mkbucket|populate|list|upload|copy …") }
let client: S3Client
do {
    client = try S3Client(configuration: S3Configuration(settings: environment()))
} catch {
    fail("\(error)")
}

do {
    switch command {
    case "mkbucket":
        try await client.createBucket(client.configuration.bucket)
    case "populate":
        guard args.count == 3, let n = Int(args[1]) else { fail("usage: populate N PREFIX") }
        // A scratch file of this run only: two benches populating at once must not share one.
        var template = Array(((environment()["TMPDIR"] ?? "/tmp") + "/r2s-bench-s3-tiny-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { fail("cannot create a scratch file in $TMPDIR") }
        let source = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(source) }
        guard write(fd, "x", 1) == 1 else { fail("cannot write \(source)") }
        close(fd)
        let prefix = args[2]
        try await forEach(Array(0..<n), width: 64) { i in
            try await client.upload(source, to: numbered(prefix, i), contentType: "text/plain", progress: nil)
        }
        print(n)
    case "copy":
        guard args.count == 5, let n = Int(args[1]), let jobs = Int(args[4]), jobs > 0 else {
            fail("usage: copy N PREFIX BUCKET JOBS")
        }
        let (prefix, source) = (args[2], client.configuration.bucket)
        // Nothing but the copies: one client on the destination bucket with JOBS connections.
        var configuration = client.configuration
        configuration.bucket = args[3]
        configuration.http.concurrency = jobs
        let target = try S3Client(configuration: configuration)
        let start = ContinuousClock.now
        try await forEach(Array(0..<n), width: jobs) { i in
            try await target.copy(fromBucket: source, key: numbered(prefix, i), to: numbered(prefix, i))
        }
        let elapsed = (ContinuousClock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        print(n, Double(Int(seconds * 100)) / 100, Int(Double(n) / seconds))
    case "list":
        // One write per page: printing line by line would measure stdio, not the client.
        for try await page in client.list(ListOptions(prefix: args.count > 1 ? args[1] : "")) {
            var text = ""
            for object in page.objects {
                text += object.key
                text += "\n"
            }
            fputs(text, stdout)
        }
    case "upload":
        guard args.count == 3 else { fail("usage: upload DIR PREFIX") }
        let (dir, prefix) = (args[1], args[2])
        let names = files(in: dir)
        try await forEach(names, width: 64) { name in
            try await client.upload(dir + "/" + name, to: prefix + "/" + name, contentType: "application/octet-stream", progress: nil)
        }
        print(names.count)
    default:
        fail("unknown command \(command)")
    }
} catch {
    fail("\(error)")
}
