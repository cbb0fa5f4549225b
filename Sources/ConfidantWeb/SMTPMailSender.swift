import ConfidantMail
import ConfidantStore
import Foundation

/// Hands outbox email to the organisation's relay over SMTP (`CONFIDANT_SMTP_URL`).
public struct SMTPMailSender: MailSender {
    let client: SMTPClient
    let from: MailAddress

    public init(client: SMTPClient, from: MailAddress) {
        self.client = client
        self.from = from
    }

    /// Only the relay refusing this message for good (a 5xx to its recipient or content) stops its
    /// retries; a relay that cannot be reached, or is set up wrongly, is tried again later, since
    /// the message will go once an administrator has mended it.
    public func send(_ email: OutboxEmail, id: String) async throws(MailSendFailure) {
        let message: MailMessage
        do {
            message = try MailMessage(
                id: id, from: from, to: try MailAddress(email.recipient), subject: email.subject,
                body: email.body, date: Date())
        } catch {
            throw MailSendFailure(reason: "\(error)", permanent: true)
        }
        do {
            try await client.send(message)
        } catch {
            if case .rejected = error {
                throw MailSendFailure(reason: error.description, permanent: error.isPermanent)
            }
            throw MailSendFailure(reason: error.description, permanent: false)
        }
    }
}
