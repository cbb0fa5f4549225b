import ConfidantCore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import Testing

@testable import ConfidantWeb

@Suite("Public pages are rendered once per published policy version")
struct PublicPageCacheTests {
    @Test(
        "a public page has an ETag, a revalidation gets a 304, and a signed-in view is neither cached nor tagged",
        arguments: TestDatabaseKind.available)
    func etags(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let first = try await harness.request(.get, "/explain/children")
            #expect(first.status == .ok)
            let tag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "private, no-cache")
            let again = try await harness.request(.get, "/explain/children")
            #expect(again.headers[.eTag] == tag)
            #expect(again.text == first.text)
            let revalidated = try await harness.request(.get, "/explain/children", headers: [.ifNoneMatch: tag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.text.isEmpty)
            // Another page, or another step of the guide, has its own tag.
            let other = try await harness.request(.get, "/explain/parents-and-carers", headers: [.ifNoneMatch: tag])
            #expect(other.status == .ok)
            #expect(other.headers[.eTag] != tag)
            let qr = try await harness.request(.get, "/explain/children/qr.svg")
            #expect(qr.headers[.contentType] == "image/svg+xml" && qr.headers[.eTag] != nil)
            // An answer that does not fit is refused, never kept.
            #expect(try await harness.request(.get, "/explain/children/talk?answer=nonsense").status == .badRequest)
            #expect(try await harness.request(.get, "/explain/children/talk?answer=nonsense").status == .badRequest)
            // Someone signed in sees their own page (their name, their navigation): not from the cache, never stored.
            let staff = try await harness.browser(.staff)
            let signedIn = try await harness.request(.get, "/explain/children", as: staff)
            #expect(signedIn.status == .ok)
            #expect(signedIn.headers[.eTag] == nil)
            #expect(signedIn.headers[.cacheControl] == "no-store")
            #expect(signedIn.text.contains(staff.user.name))
            #expect(!first.text.contains(staff.user.name))
        }
    }

    @Test("a version published elsewhere (another instance) reaches the pages once the database is asked again")
    func publicationElsewhere() async throws {
        let published = Mutex<UUID?>(nil)
        let asked = Mutex(0)
        let cache = PublicPageCache(recheck: .zero) {
            asked.withLock { $0 += 1 }
            return published.withLock { $0 }
        }
        let renders = Mutex(0)
        func render() -> (body: String, contentType: String) {
            let count = renders.withLock { count in
                count += 1
                return count
            }
            return ("<p>page \(count)</p>", "text/html; charset=utf-8")
        }
        let one = try await cache.respond(key: "/explain/children", signedIn: false, ifNoneMatch: nil) { render() }
        let two = try await cache.respond(key: "/explain/children", signedIn: false, ifNoneMatch: nil) { render() }
        #expect(renders.withLock { $0 } == 1)
        #expect(one.headers[.eTag] == two.headers[.eTag])
        // Another instance publishes: the next look at the database starts afresh.
        published.withLock { $0 = UUID() }
        let three = try await cache.respond(key: "/explain/children", signedIn: false, ifNoneMatch: nil) { render() }
        #expect(renders.withLock { $0 } == 2)
        #expect(three.headers[.eTag] != one.headers[.eTag])
        #expect(asked.withLock { $0 } == 3)
        // This instance publishing forgets at once, without waiting for the recheck.
        let slow = PublicPageCache(recheck: .seconds(3600)) { nil }
        _ = try await slow.respond(key: "/", signedIn: false, ifNoneMatch: nil) { render() }
        _ = try await slow.respond(key: "/", signedIn: false, ifNoneMatch: nil) { render() }
        #expect(renders.withLock { $0 } == 3)
        slow.forget()
        _ = try await slow.respond(key: "/", signedIn: false, ifNoneMatch: nil) { render() }
        #expect(renders.withLock { $0 } == 4)
    }
}
