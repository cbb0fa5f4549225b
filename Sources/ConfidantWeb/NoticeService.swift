import ConfidantStore
import Foundation
import Logging
import ServiceLifecycle

/// Tells people of what has waited too long, in the background (and forgets day-old form tokens and removes uploads an
/// instance stopped in the middle of): inform and involve tasks past due, concerns waiting for triage beyond the
/// organisation's limit, subject access requests due within a week or overdue and transfers whose receipt is overdue go
/// to the leads once each (a transfer's contact is reminded too), and each
/// day's digest goes to those who chose one. Every instance runs it; the notices table lets only one of them send each notice.
public struct NoticeService: Service {
    let notices: NoticeBoard
    /// One-use form tokens, forgotten after a day in the same sweep.
    let submissions: FormSubmissionStore
    /// Uploads left unfinished by an instance that stopped, removed in the same sweep.
    let attachments: AttachmentStore
    /// Contacts' passes to a share's files, forgotten once run out.
    let shares: ShareStore
    /// Subject access requests due within a week or overdue, told to the leads once each.
    let subjectAccess: SubjectAccessStore
    /// Transfers whose receipt is overdue: their contacts reminded, the leads told once.
    let transfers: TransferStore
    let triageWaits: NoticeBoard.TriageWaits
    let clock: @Sendable () -> Date
    let interval: Duration
    let logger: Logger

    public init(
        notices: NoticeBoard, submissions: FormSubmissionStore, attachments: AttachmentStore, shares: ShareStore,
        subjectAccess: SubjectAccessStore, transfers: TransferStore,
        triageWaits: NoticeBoard.TriageWaits,
        clock: @escaping @Sendable () -> Date,
        interval: Duration = .seconds(60),
        logger: Logger
    ) {
        self.notices = notices
        self.submissions = submissions
        self.attachments = attachments
        self.shares = shares
        self.subjectAccess = subjectAccess
        self.transfers = transfers
        self.triageWaits = triageWaits
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One round: what is overdue, then the digests.
    func sweep() async {
        do {
            try await notices.sweep(now: clock(), triageWaits: triageWaits)
            try await subjectAccess.remind(now: clock())
            try await transfers.remind(now: clock())
            try await notices.sendDigests(now: clock())
            try await submissions.forgetOld(now: clock())
            try await shares.forgetExpiredPasses(now: clock())
            let removed = try await attachments.removeUnfinished(startedBefore: clock().addingTimeInterval(-AttachmentStore.unfinishedLifetime))
            if removed > 0 { logger.notice("Removed uploads left unfinished", metadata: ["count": "\(removed)"]) }
        } catch {
            // The next round tries again; a database that stays away is reported by /health.
            logger.warning("Notices could not be checked", metadata: ["error": "\(error)"])
        }
    }
}
