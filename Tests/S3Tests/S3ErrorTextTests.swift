import R2SCore
import Testing

@testable import S3

/// S3Error's words, request id included, in both languages; the endpoint's userinfo never shows.
@Suite struct S3ErrorTextTests {
    @Test("a request id follows the message in the user's language; hints are localized too")
    func requestID() {
        let e = S3Error(.accessDenied, requestID: "R1", operation: "ListObjectsV2")
        #expect(e.userMessage == "access denied for ListObjectsV2 (AccessDenied) (request id R1)")
        #expect(e.localizedMessage(.ptBR) == "acesso negado em ListObjectsV2 (AccessDenied) (id da requisição R1)")
        #expect(e.localizedHint(.ptBR)?.hasPrefix("o escopo do token não permite isto") == true)
        #expect(e.exitStatus == .config)
    }

    @Test("an endpoint with userinfo is shown without it, in both languages")
    func endpointUserinfo() {
        let e = S3Error(.connectionFailed, endpoint: "http://key:Sup3rSecret@127.0.0.1:9")
        for language in Language.allCases {
            #expect(!e.localizedMessage(language).contains("Sup3rSecret"))
            #expect(!e.localizedMessage(language).contains("key:"))
        }
        #expect(S3Error(.noSuchKey, key: "a").hintText == nil)
    }
}
