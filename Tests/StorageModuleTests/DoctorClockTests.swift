import Foundation
import Testing

@testable import StorageModule

/// `doctor`'s clock skew: how far the server's date lies outside the time the question took.
@Suite struct DoctorClockTests {
    let asked = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a slow answer is not skew: a server date inside the question's time agrees")
    func slowAnswerIsNotSkew() {
        // Answered 5 minutes later (a stalled process), dated 10 s after the question: no skew.
        #expect(DoctorChecks.skew(server: asked.addingTimeInterval(10), asked: asked, answered: asked.addingTimeInterval(300)) == 0)
        // The header's whole seconds: up to 1 s before the question still agrees.
        #expect(DoctorChecks.skew(server: asked.addingTimeInterval(-0.9), asked: asked, answered: asked.addingTimeInterval(0.1)) == 0)
    }

    @Test("a server date outside it is skew, by the distance to the question's nearer end")
    func outsideIsSkew() {
        let answered = asked.addingTimeInterval(2)
        #expect(DoctorChecks.skew(server: asked.addingTimeInterval(-3600), asked: asked, answered: answered) == 3600)
        #expect(DoctorChecks.skew(server: answered.addingTimeInterval(120), asked: asked, answered: answered) == -120)
    }
}
