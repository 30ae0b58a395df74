internal import CEdit
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// State shared with the C read callback (which gets no user-data pointer).
enum InputSlot {
    /// Asked while waiting for a key: true when Ctrl-C was pressed (consumes it).
    static let interruptCheck = Mutex<(@Sendable () -> Bool)?>(nil)
    /// Set when the read callback ended the line because of Ctrl-C.
    static let interrupted = Atomic<Bool>(false)
    /// How long one wait for input lasts before the interrupt flag is checked again.
    static let pollMilliseconds: Int32 = 50
}

/// libedit's `rl_getc_function`: waits for the next key without blocking forever, so a Ctrl-C
/// is noticed whichever thread the signal was delivered to, and decodes UTF-8 itself (libedit
/// expects one wide character per call when this hook is set).
///
/// - Returns: a Unicode scalar value, or -1 to end the line (Ctrl-C or end of input).
func readCharacterTrampoline(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
    let fd = stream.map { fileno($0) } ?? 0
    guard let first = readByte(fd) else { return -1 }
    if first < 0x80 { return Int32(first) }
    let length: Int
    var scalar: UInt32
    switch first {
    case 0xC2...0xDF: length = 2; scalar = UInt32(first & 0x1F)
    case 0xE0...0xEF: length = 3; scalar = UInt32(first & 0x0F)
    case 0xF0...0xF4: length = 4; scalar = UInt32(first & 0x07)
    default: return 0xFFFD  // a stray continuation or invalid lead byte
    }
    for _ in 1..<length {
        guard let next = readByte(fd) else { return -1 }
        guard next & 0xC0 == 0x80 else { return 0xFFFD }
        scalar = scalar << 6 | UInt32(next & 0x3F)
    }
    return Unicode.Scalar(scalar) == nil ? 0xFFFD : Int32(bitPattern: scalar)
}

/// One byte from `fd`, or `nil` on end of input, a read error or Ctrl-C (then
/// `InputSlot.interrupted` is set).
private func readByte(_ fd: Int32) -> UInt8? {
    while true {
        if let check = InputSlot.interruptCheck.withLock({ $0 }), check() {
            InputSlot.interrupted.store(true, ordering: .relaxed)
            return nil
        }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pfd, 1, InputSlot.pollMilliseconds)
        if ready < 0 {
            if errno == EINTR { continue }
            return nil
        }
        if ready == 0 { continue }
        var byte: UInt8 = 0
        let n = read(fd, &byte, 1)
        if n == 1 { return byte }
        if n < 0, errno == EINTR || errno == EAGAIN { continue }
        return nil  // 0: end of input; <0: error
    }
}
