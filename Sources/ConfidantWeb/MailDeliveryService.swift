import ConfidantCore
import ConfidantStore
import Foundation
import Logging
import ServiceLifecycle

/// Why one email could not be handed to the relay, and whether trying again could help.
public struct MailSendFailure: Error, Sendable, Equatable {
    public let reason: String
    /// The relay refused it for good (a 5xx answer): retrying would only repeat the refusal.
    public let permanent: Bool

    public init(reason: String, permanent: Bool) {
        self.reason = reason
        self.permanent = permanent
    }
}

/// Something that hands one email to a mail relay; SMTP in production, a recorder in tests.
public protocol MailSender: Sendable {
    /// Sends `email`; `id` (the left part of its Message-ID) stays the same on every retry, so a receiver can tell a repeat.
    func send(_ email: OutboxEmail, id: String) async throws(MailSendFailure)
}

/// Delivers the outbox in the background: takes what is due, sends each through the relay, and
/// removes it once the relay has accepted it; a failure is retried later with a growing wait.
///
/// Each message is leased while it is sent, so several instances on one database never send the
/// same one, and a message whose instance died mid-delivery is taken again when its lease ends.
/// The one window that remains is between the relay's acceptance and the removal: a crash there
/// sends the message again with the same `Message-ID` (at-least-once, as every mail system is).
public struct MailDeliveryService: Service {
    let outbox: MailOutbox
    let sender: any MailSender
    let interval: Duration
    let lease: TimeInterval
    let logger: Logger

    public init(
        outbox: MailOutbox, sender: any MailSender, interval: Duration = .seconds(2),
        lease: TimeInterval = 120, logger: Logger
    ) {
        self.outbox = outbox
        self.sender = sender
        self.interval = interval
        self.lease = lease
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await deliverDue()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Sends everything due now; returns how many were delivered.
    @discardableResult
    public func deliverDue(now: @Sendable () -> Date = { Date() }) async -> Int {
        let batch: [OutboxDelivery]
        do {
            batch = try await outbox.claim(now: now(), lease: lease)
        } catch {
            logger.error("Mail outbox could not be read", metadata: ["error": "\(error)"])
            return 0
        }
        var delivered = 0
        for message in batch {
            if Task.isCancelled { break }
            do {
                try await sender.send(message.email, id: message.id.uuidString.lowercased())
            } catch {
                logger.warning(
                    "Email not delivered",
                    metadata: [
                        "to": "\(message.email.recipient)", "attempt": "\(message.attempts + 1)",
                        "will_retry": "\(!error.permanent && message.attempts + 1 < MailOutbox.maximumAttempts)",
                        "reason": "\(error.reason)",
                    ])
                try? await outbox.failed(message.id, reason: error.reason, permanent: error.permanent, now: now())
                continue
            }
            do {
                try await outbox.delivered(message.id, to: message.email.recipient, now: now())
                delivered += 1
            } catch {
                // Sent but still in the outbox: it goes again after its lease, with the same Message-ID.
                logger.error("Email sent but not removed from the outbox", metadata: ["error": "\(error)"])
            }
        }
        return delivered
    }
}
