import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@testable import ConfidantWeb

/// A relay that records what it was given, failing the first `failures` tries of each message.
final class RecordingSender: MailSender {
    let sent = Mutex<[(id: String, email: OutboxEmail)]>([])
    let attempts = Mutex<[String: Int]>([:])
    let failures: Int
    let permanent: Bool

    init(failures: Int = 0, permanent: Bool = false) {
        self.failures = failures
        self.permanent = permanent
    }

    func send(_ email: OutboxEmail, id: String) async throws(MailSendFailure) {
        let tries = attempts.withLock { attempts in
            attempts[id, default: 0] += 1
            return attempts[id] ?? 1
        }
        if tries <= failures { throw MailSendFailure(reason: "421 try again later", permanent: permanent) }
        sent.withLock { $0.append((id, email)) }
    }
}

@Suite("The outbox is delivered once, retried when the relay fails, and sealed while it waits")
struct MailDeliveryTests {
    func service(_ harness: WebHarness, _ sender: RecordingSender) -> MailDeliveryService {
        MailDeliveryService(outbox: harness.environment.outbox, sender: sender, logger: Logger(label: "test"))
    }

    @Test("a set-password link is delivered once and then gone from the database", arguments: TestDatabaseKind.available)
    func deliveredOnce(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            _ = try await harness.request(.post, "/admin/users", as: admin, form: ["name": "Sam Staff", "email": "sam@example.org", "role": "staff"])
            let sender = RecordingSender()
            let delivery = service(harness, sender)
            #expect(await delivery.deliverDue(now: { harness.clock.now }) == 1)
            #expect(await delivery.deliverDue(now: { harness.clock.now }) == 0)
            let sent = sender.sent.withLock { $0 }
            #expect(sent.count == 1)
            #expect(sent.first?.email.recipient == "sam@example.org")
            #expect(sent.first?.email.body.contains("/set-password/") == true)
            #expect(try await harness.environment.outbox.waiting().isEmpty)
            #expect(try await harness.environment.audit.search(action: "email_sent").count == 1)
        }
    }

    @Test("a relay that fails is tried again later, with a growing wait, and the administrator sees why", arguments: TestDatabaseKind.available)
    func retried(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            _ = try await harness.request(.post, "/admin/users", as: admin, form: ["name": "Sam Staff", "email": "sam@example.org", "role": "staff"])
            let sender = RecordingSender(failures: 2)
            let delivery = service(harness, sender)
            #expect(await delivery.deliverDue(now: { harness.clock.now }) == 0)
            let waiting = try #require(try await harness.environment.outbox.waiting().first)
            #expect(waiting.attempts == 1)
            #expect(waiting.lastError == "421 try again later")
            let page = try await harness.request(.get, "/admin/users", as: admin)
            #expect(page.text.contains("Tried 1 time: 421 try again later"))
            #expect(!page.text.contains("/set-password/"))
            // Not before its wait is over.
            #expect(await delivery.deliverDue(now: { harness.clock.now.addingTimeInterval(10) }) == 0)
            harness.clock.advance(by: 31)
            #expect(await delivery.deliverDue(now: { harness.clock.now }) == 0)
            harness.clock.advance(by: 121)
            #expect(await delivery.deliverDue(now: { harness.clock.now }) == 1)
            #expect(sender.sent.withLock { $0.count } == 1)
        }
    }

    @Test("a message the relay refuses for good is not retried, and waits for an administrator", arguments: TestDatabaseKind.available)
    func permanentFailure(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            _ = try await harness.request(.post, "/admin/users", as: admin, form: ["name": "Sam Staff", "email": "sam@example.org", "role": "staff"])
            let sender = RecordingSender(failures: 100, permanent: true)
            let delivery = service(harness, sender)
            _ = await delivery.deliverDue(now: { harness.clock.now })
            harness.clock.advance(by: 86_400)
            _ = await delivery.deliverDue(now: { harness.clock.now })
            #expect(sender.attempts.withLock { $0.values.reduce(0, +) } == 1)
            #expect(try await harness.environment.outbox.waiting().first?.gaveUp == true)
        }
    }

    @Test("two instances delivering at once send each message once", arguments: TestDatabaseKind.available)
    func twoInstances(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            for index in 0..<20 {
                _ = try await harness.request(
                    .post, "/admin/users", as: admin,
                    form: ["name": "Person \(index)", "email": "p\(index)@example.org", "role": "staff"])
            }
            let sender = RecordingSender()
            let first = service(harness, sender), second = service(harness, sender)
            async let a = first.deliverDue(now: { harness.clock.now })
            async let b = second.deliverDue(now: { harness.clock.now })
            _ = await (a, b)
            _ = await first.deliverDue(now: { harness.clock.now })
            let ids = sender.sent.withLock { $0.map(\.id) }
            #expect(ids.count == 20)
            #expect(Set(ids).count == 20)
        }
    }
}
