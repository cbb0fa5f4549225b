import ConfidantCore
import ConfidantStore
import Foundation
import Logging
import ServiceLifecycle

/// Signs the audit log's head in the background: every 1,000 events or 5 minutes, and once more at shutdown.
///
/// With several instances on one database, exactly one signs at a time: the one holding the signer's lease
/// (`LeaseStore`). It renews the lease every round; when it stops, it gives the lease up, and when it is killed
/// the lease runs out, so another instance signs within a minute.
public struct CheckpointService: Service {
    let log: AuditLogStore
    let leases: LeaseStore
    /// This instance's name in the lease and on the checkpoints it signs.
    let instance: String
    let key: AuditSigningKey
    let policy: CheckpointPolicy
    let interval: Duration
    /// The time now: the application's clock, so that checkpoints and the events they sign agree.
    let clock: @Sendable () -> Date
    let logger: Logger

    /// How long a lease lasts without renewal: three rounds, so a missed round does not hand it over.
    var leaseLength: TimeInterval { max(3 * Double(interval.components.seconds), 1) }

    public init(
        log: AuditLogStore, leases: LeaseStore, instance: String, key: AuditSigningKey, policy: CheckpointPolicy = .standard,
        interval: Duration = .seconds(15), clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.log = log
        self.leases = leases
        self.instance = instance
        self.key = key
        self.policy = policy
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var holding = false
            while !Task.isCancelled {
                holding = await round(holding: holding)
                try? await Task.sleep(for: interval)
            }
        }
        // A last checkpoint on a graceful shutdown, so that whatever happened before a restart is
        // covered by a signature; then the lease is given up. When the whole group is cancelled (the server failed), skip it.
        if !Task.isCancelled, (try? await leases.hold(LeaseStore.checkpointSigner, as: instance, for: leaseLength, now: clock())) == true {
            await sign(force: true)
            try? await leases.release(LeaseStore.checkpointSigner, by: instance)
        }
    }

    /// One round: renew or take the lease, and sign when holding it and a checkpoint is due. Returns whether it holds it.
    func round(holding: Bool) async -> Bool {
        let held: Bool
        do {
            held = try await leases.hold(LeaseStore.checkpointSigner, as: instance, for: leaseLength, now: clock())
        } catch {
            logger.error("The checkpoint signer's lease could not be checked", metadata: ["error": "\(error)"])
            return false
        }
        if held != holding {
            logger.info(
                held ? "This instance now signs the audit checkpoints" : "Another instance now signs the audit checkpoints",
                metadata: ["instance": "\(instance)"])
        }
        if held { await sign(force: false) }
        return held
    }

    func sign(force: Bool) async {
        do {
            if let signed = try await log.checkpoint(
                key: key, policy: policy, now: AuditClock.milliseconds(clock()), force: force, signer: instance)
            {
                logger.info("Audit checkpoint signed", metadata: ["tree_size": "\(signed.checkpoint.treeSize)", "instance": "\(instance)"])
            }
        } catch {
            // The next round tries again; the events themselves are already safely stored.
            logger.error("Audit checkpoint failed", metadata: ["error": "\(error)"])
        }
    }
}
