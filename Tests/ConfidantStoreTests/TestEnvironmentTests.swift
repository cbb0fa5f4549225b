import ConfidantTestSupport
import Foundation
import Testing

@Suite("The test environment")
struct TestEnvironmentTests {
    /// `scripts/test` sets CONFIDANT_REQUIRE_POSTGRES, so that a run which silently skipped PostgreSQL fails.
    @Test("PostgreSQL is among the test databases whenever the test command requires it")
    func postgresPresentWhenRequired() {
        if ProcessInfo.processInfo.environment["CONFIDANT_REQUIRE_POSTGRES"] == "1" {
            #expect(TestDatabaseKind.available.contains(.postgres))
        } else {
            #expect(TestDatabaseKind.available.first == .sqlite)
        }
    }
}
