import ConfidantCore
import ConfidantStore
import Foundation
import Logging
import ServiceLifecycle

/// Signs the audit log's head in the background: every 1,000 events or 5 minutes, and once more at shutdown.
public struct CheckpointService: Service {
    let log: AuditLogStore
    let key: AuditSigningKey
    let policy: CheckpointPolicy
    let interval: Duration
    /// The time now: the application's clock, so that checkpoints and the events they sign agree.
    let clock: @Sendable () -> Date
    let logger: Logger

    public init(
        log: AuditLogStore, key: AuditSigningKey, policy: CheckpointPolicy = .standard,
        interval: Duration = .seconds(15), clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.log = log
        self.key = key
        self.policy = policy
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await sign(force: false)
            }
        }
        // A last checkpoint on a graceful shutdown, so that whatever happened before a restart is
        // covered by a signature. When the whole group is cancelled (the server failed), skip it.
        if !Task.isCancelled { await sign(force: true) }
    }

    func sign(force: Bool) async {
        do {
            if let signed = try await log.checkpoint(
                key: key, policy: policy, now: AuditClock.milliseconds(clock()), force: force)
            {
                logger.info("Audit checkpoint signed", metadata: ["tree_size": "\(signed.checkpoint.treeSize)"])
            }
        } catch {
            // The next round tries again; the events themselves are already safely stored.
            logger.error("Audit checkpoint failed", metadata: ["error": "\(error)"])
        }
    }
}
