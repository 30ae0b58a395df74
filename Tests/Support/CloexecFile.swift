import Foundation

#if canImport(Glibc)
    public import Glibc
#endif

/// Writes a file that no other test's child process can hold open.
///
/// Why: tests start processes from many threads at once. Foundation writes a file through a
/// descriptor without `O_CLOEXEC`, so a child forked by another test while that descriptor is
/// open inherits it and keeps the file open for writing as long as it runs; executing the file
/// then fails with ETXTBSY ("Text file busy") — seen in CI under load for a `#!/usr/bin/env r2s`
/// script. Here the descriptor is `O_CLOEXEC` from the start and the file is created under a
/// temporary name and renamed, so an executable is never open for writing when it is run.
public enum CloexecFile {
    /// Writes `text` to `path` (replacing it) with permissions `mode`.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        let temporary = path + ".tmp-\(UUID().uuidString.prefix(8))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var failure: Int32 = 0
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            offset += n
        }
        // The umask may have cleared bits of `mode`: set them as asked.
        if failure == 0, fchmod(fd, mode) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
        }
    }
}
