import ConfidantCore
import FluentKit
import Synchronization

/// Appends the events that have no other change to commit with — above all the `case_read` written before every
/// page of case content — many requests' at once: one transaction, one sync to disk, for every event waiting.
///
/// Each caller continues only once the transaction holding its event has committed, so a page is never shown
/// before the record of its reading is durable (policy: every read of case content is logged). While one
/// transaction runs, the events that arrive meanwhile wait and go together in the next: under load the batches
/// grow by themselves, and a lone request waits for nothing but its own commit.
final class AuditGroupCommit: Sendable {
    /// An event waiting for its transaction, and the request waiting for it.
    struct Waiting {
        let entry: AuditEntry
        let reply: CheckedContinuation<AuditEvent, any Error>
    }

    struct Queue {
        var waiting: [Waiting] = []
        /// Whether a writer is draining the queue; the first event to arrive when none is starts one.
        var draining = false
    }

    /// At most this many events in one transaction, so that one commit's work stays short.
    static let largestBatch = 500

    private let queue = Mutex(Queue())
    private let database: @Sendable () -> any Database

    init(database: @escaping @Sendable () -> any Database) {
        self.database = database
    }

    /// Appends `entry` and returns once it is committed.
    func append(_ entry: AuditEntry) async throws -> AuditEvent {
        try await withCheckedThrowingContinuation { reply in
            let startWriter = queue.withLock { queue in
                queue.waiting.append(Waiting(entry: entry, reply: reply))
                guard !queue.draining else { return false }
                queue.draining = true
                return true
            }
            if startWriter { Task { await self.drain() } }
        }
    }

    /// Commits what is waiting, batch after batch, until nothing is.
    private func drain() async {
        while true {
            let batch = queue.withLock { queue in
                let batch = Array(queue.waiting.prefix(Self.largestBatch))
                queue.waiting.removeFirst(batch.count)
                if batch.isEmpty { queue.draining = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                // The whole batch in three statements: the head read once, the events in one INSERT, the head written once.
                let events = try await database().transaction { db in try await AuditLogStore.append(batch.map(\.entry), on: db) }
                for (waiting, event) in zip(batch, events) { waiting.reply.resume(returning: event) }
            } catch {
                // Nothing of the batch was committed: every request in it is told, and none shows its page.
                for waiting in batch { waiting.reply.resume(throwing: error) }
            }
        }
    }
}
