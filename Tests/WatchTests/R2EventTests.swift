import EventQueue
import Foundation
import Testing

/// The R2 event body as documented (developers.cloudflare.com/r2/buckets/event-notifications).
@Suite struct R2EventTests {
    @Test("create and delete bodies decode; anything else is not an event")
    func decode() {
        let create = #"{"account":"3f4b","action":"PutObject","bucket":"media","object":{"key":"fichas/a b.pdf","size":3,"eTag":"e"},"eventTime":"2024-05-24T19:36:44.379Z"}"#
        #expect(R2Event.decode(Array(create.utf8)) == R2Event(action: "PutObject", bucket: "media", key: "fichas/a b.pdf"))
        let delete = #"{"account":"3f4b","action":"DeleteObject","bucket":"media","object":{"key":"x"},"eventTime":"2024-05-24T19:36:44.379Z"}"#
        #expect(R2Event.decode(Array(delete.utf8))?.action == "DeleteObject")
        #expect(R2Event.decode(Array("hello".utf8)) == nil)
        #expect(R2Event.decode(Array(#"{"bucket":"media","object":{"key":""}}"#.utf8)) == nil)
        #expect(R2Event.decode(Array(repeating: 0x20, count: R2Event.maximumBodySize + 1)) == nil)
    }
}
