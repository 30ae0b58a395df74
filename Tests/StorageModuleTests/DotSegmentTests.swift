import BackendSupport
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

/// Issue 12.10: keys with `.`/`..` segments get public urls that browsers and curl resolve to
/// another object, so upload/mv refuse them unless --allow-dot-segments, url warns and doctor
/// reports them.
@Suite struct DotSegmentTests {
    @Test func theRule() {
        for key in ["a/../b", "../x", "a/./b", ".", "..", "a/..", "a/.", "./a"] { #expect(DotSegments.contains(key), "\(key)") }
        for key in ["a..b", "...", "a/.../b", ".hidden/x", "a/b.", "a//b", "", "/"] { #expect(!DotSegments.contains(key), "\(key)") }
    }

    @Test(arguments: Backend.allCases)
    func uploadAndMvRefuseThem(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let shell = f.shell()
        let path = try f.file("x.txt", "x")
        let up = await shell.execute(["upload", path, "--to", "fichas/../outra"])
        #expect(up.status == .refused, "\(up.err)")
        #expect(up.err.contains("--allow-dot-segments"), "\(up.err)")
        #expect(try await f.keys().isEmpty)
        #expect(await shell.execute(["upload", path, "--to", "fichas"]).status == .ok)
        let mv = await shell.execute(["mv", "fichas/x.txt", "fichas/./y.txt"])
        #expect(mv.status == .refused, "\(mv.err)")
        #expect(mv.err.contains("--allow-dot-segments"), "\(mv.err)")
        #expect(try await f.keys() == ["fichas/x.txt"])
    }

    /// The local folder stores such keys as written (SeaweedFS refuses them), so the opt-in,
    /// `url`'s warning and doctor's report run there.
    @Test func allowedThenWarnedAndReported() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        let shell = f.shell()
        let path = try f.file("x.txt", "x")
        let up = await shell.execute(["upload", path, "--to", "fichas/../outra", "--allow-dot-segments"])
        #expect(up.status == .ok, "\(up.err)")
        #expect(try await f.keys() == ["fichas/../outra/x.txt"])
        let url = await shell.execute(["url", "fichas/../outra/x.txt"])
        #expect(url.status == .ok)
        #expect(url.err.contains("warning: key 'fichas/../outra/x.txt' has a '.' or '..' segment"), "\(url.err)")
        #expect(await shell.execute(["url", "fichas/x.txt"]).err.isEmpty)
        let doctor = await shell.execute(["doctor"])
        #expect(doctor.out.contains("[WARN] dot segments"), "\(doctor.out)")
        #expect(doctor.out.contains("1 of 1 sampled rows"), "\(doctor.out)")
        let mv = await shell.execute(["mv", "fichas/../outra/x.txt", "fichas/x.txt"])
        #expect(mv.status == .ok, "\(mv.err)")
        #expect(!(await shell.execute(["doctor"]).out.contains("dot segments")))
    }
}
