import HummingbirdBcrypt
import NIOCore
import NIOPosix
import Synchronization

/// Runs Bcrypt on threads of its own, never on the pool the database driver uses.
///
/// Bcrypt costs a quarter of a second of CPU on purpose. Sharing the SQLite driver's thread pool,
/// a burst of sign-ins made `/health` wait seconds. Here it has its own small pool, and at most
/// `capacity` checks may wait for it: beyond that a sign-in is told to try again shortly, so a
/// flood can never queue unbounded work.
public final class PasswordHasher: Sendable {
    /// One thread fewer than the machine has (at least one), so other requests always keep a core.
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount - 1))
        pool.start()
        return pool
    }()

    let cost: UInt8
    let capacity: Int
    let waiting = Mutex(0)

    public init(cost: UInt8, capacity: Int = 32) {
        self.cost = cost
        self.capacity = capacity
    }

    /// A Bcrypt hash of `password`.
    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await run { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`.
    func verify(_ password: String, hash: String) async throws -> Bool {
        try await run { Bcrypt.verify(password, hash: hash) }
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        let admitted = waiting.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard admitted else { throw WebError.busy(seconds: 2) }
        defer { waiting.withLock { $0 -= 1 } }
        return try await Self.pool.runIfActive(work)
    }
}
