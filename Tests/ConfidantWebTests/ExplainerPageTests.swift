import ConfidantCore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("Public explainer pages")
struct ExplainerPageTests {
    @Test("each audience's page is public and says everything the explainer generates from the clauses", arguments: Audience.allCases)
    func pages(audience: Audience) async throws {
        for kind in TestDatabaseKind.available {
            try await WebHarness.run(kind) { harness in
                let response = try await harness.request(.get, "/explain/\(audience.rawValue)")
                #expect(response.status == .ok)
                let page = PublicExplainer().page(for: audience)
                for item in page.items {
                    let escaped = item.text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
                        .replacingOccurrences(of: "\"", with: "&quot;")
                    #expect(response.text.contains(escaped), "\(item.text)")
                }
                #expect(response.text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox="))
                #expect(!response.text.contains("<strong></strong>"))
                let qr = try await harness.request(.get, "/explain/\(audience.rawValue)/qr.svg")
                #expect(qr.headers[.contentType] == "image/svg+xml")
                #expect(qr.text.hasPrefix("<svg"))
            }
        }
    }

    @Test("every path through 'Who should I talk to?' ends in a recommendation page, with the number to call", arguments: Audience.allCases)
    func guide(audience: Audience) async throws {
        for kind in TestDatabaseKind.available {
            try await WebHarness.run(kind) { harness in
                for path in PublicExplainer().guide(for: audience).paths {
                    let query = path.answerIDs.map { "answer=\($0)" }.joined(separator: "&")
                    let response = try await harness.request(.get, "/explain/\(audience.rawValue)/talk?\(query)")
                    #expect(response.status == .ok)
                    #expect(response.text.contains(path.recommendation.heading.replacingOccurrences(of: "'", with: "&#39;")), "\(path.answerIDs)")
                    if let phone = path.recommendation.contact.phone { #expect(response.text.contains(phone)) }
                }
                #expect(try await harness.request(.get, "/explain/\(audience.rawValue)/talk?answer=maybe").status == .badRequest)
                #expect(try await harness.request(.get, "/explain/martians").status == .notFound)
            }
        }
    }
}
