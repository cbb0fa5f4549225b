import ConfidantTestSupport
import Foundation
import Testing

@testable import ConfidantWeb

@Suite("openapi.yaml")
struct OpenAPITests {
    static let specification: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)) ?? ""
    }()

    @Test("every API route is described in openapi.yaml with its method", arguments: TestDatabaseKind.available)
    func everyRouteDescribed(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            #expect(!Self.specification.isEmpty)
            let lines = Self.specification.split(separator: "\n").map(String.init)
            for route in harness.declared where route.path.hasPrefix("/api/") {
                guard let start = lines.firstIndex(of: "  \(route.path):") else {
                    Issue.record("\(route.path) is missing from openapi.yaml")
                    continue
                }
                let block = lines[(start + 1)...].prefix { $0.hasPrefix("    ") }
                #expect(block.contains("    \(route.method.lowercased()):"), "\(route.method) \(route.path)")
            }
        }
    }
}
