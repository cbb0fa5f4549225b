import ConfidantCore
import Testing

@Suite("How sign-in attempts slow down")
struct SignInBackoffTests {
    @Test(
        "attempts are free up to the limit, then each doubles the wait up to the cap",
        arguments: [
            (SignInBackoff.account, [0, 0, 0, 0, 2, 4, 8, 16, 32, 60, 60]),
            (SignInBackoff.accountAtAddress, [0, 0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]),
            (SignInBackoff.address, Array(repeating: 0, count: 19) + [2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]),
        ])
    func backoff(backoff: SignInBackoff, delays: [Int]) {
        #expect((1...delays.count).map { backoff.delay(afterAttempt: $0) } == delays)
        #expect(backoff.steps.allSatisfy { $0.delay < backoff.maximumWait })
        #expect(backoff.steps.count == delays.firstIndex(of: backoff.maximumWait))
    }

    @Test("the three limits: per account, per account at an address, per address")
    func presets() {
        #expect(SignInBackoff.account == SignInBackoff(freeAttempts: 5, maximumWait: 60, forgetAfter: 86_400))
        #expect(SignInBackoff.accountAtAddress == SignInBackoff(freeAttempts: 5, maximumWait: 900, forgetAfter: 86_400))
        #expect(SignInBackoff.address == SignInBackoff(freeAttempts: 20, maximumWait: 900, forgetAfter: 86_400))
        #expect(SignInBackoff(freeAttempts: 1, maximumWait: 1).forgetAfter == 24 * 60 * 60)
        #expect(SignInBackoff(freeAttempts: 1, maximumWait: 1, forgetAfter: 60).forgetAfter == 60)
    }

    @Test(
        "the first wait comes after the last free attempt, and is two seconds",
        arguments: [
            SignInBackoff.account, .accountAtAddress, .address,
        ])
    func edge(backoff: SignInBackoff) {
        #expect(backoff.delay(afterAttempt: backoff.freeAttempts - 1) == 0)
        #expect(backoff.delay(afterAttempt: backoff.freeAttempts) == 2)
        #expect(backoff.delay(afterAttempt: backoff.freeAttempts + 1) == 4)
    }

    @Test(
        "no attempts yet, or a count gone wrong, waits nothing; a huge count waits the cap, no more",
        arguments: [
            SignInBackoff.account, .accountAtAddress, .address,
        ])
    func extremes(backoff: SignInBackoff) {
        #expect(backoff.delay(afterAttempt: 0) == 0)
        #expect(backoff.delay(afterAttempt: -1) == 0)
        #expect(backoff.delay(afterAttempt: Int.min) == 0)
        #expect(backoff.delay(afterAttempt: 1_000) == backoff.maximumWait)
        #expect(backoff.delay(afterAttempt: Int.max) == backoff.maximumWait)
    }

    static func pairs(_ steps: [(attempt: Int, delay: Int)]) -> [[Int]] { steps.map { [$0.attempt, $0.delay] } }

    @Test("the table for the database lists every attempt that waits less than the cap")
    func steps() {
        #expect(Self.pairs(SignInBackoff.account.steps) == [[1, 0], [2, 0], [3, 0], [4, 0], [5, 2], [6, 4], [7, 8], [8, 16], [9, 32]])
        #expect(
            Self.pairs(SignInBackoff.accountAtAddress.steps)
                == [[1, 0], [2, 0], [3, 0], [4, 0], [5, 2], [6, 4], [7, 8], [8, 16], [9, 32], [10, 64], [11, 128], [12, 256], [13, 512]])
        #expect(Self.pairs(SignInBackoff.address.steps) == (1...19).map { [$0, 0] } + (20...28).map { [$0, 1 << ($0 - 19)] })
    }

    @Test(
        "small backoffs",
        arguments: [
            // One free attempt and a one-second cap: every attempt waits the cap, so the table is empty.
            (1, 1, [1, 1, 1], [[Int]]()),
            (1, 2, [2, 2, 2], []),
            (1, 3, [2, 3, 3], [[1, 2]]),
            (3, 5, [0, 0, 2, 4, 5, 5], [[1, 0], [2, 0], [3, 2], [4, 4]]),
            (2, 64, [0, 2, 4, 8, 16, 32, 64, 64], [[1, 0], [2, 2], [3, 4], [4, 8], [5, 16], [6, 32]]),
        ])
    func small(free: Int, cap: Int, delays: [Int], steps: [[Int]]) {
        let backoff = SignInBackoff(freeAttempts: free, maximumWait: cap)
        #expect((1...delays.count).map { backoff.delay(afterAttempt: $0) } == delays)
        #expect(Self.pairs(backoff.steps) == steps)
    }

    @Test("a backoff must allow an attempt and wait at least a second: anything else stops the program")
    func refusesNonsense() async {
        await #expect(processExitsWith: .failure) { _ = SignInBackoff(freeAttempts: 0, maximumWait: 60) }
        await #expect(processExitsWith: .failure) { _ = SignInBackoff(freeAttempts: 5, maximumWait: 0) }
    }
}
