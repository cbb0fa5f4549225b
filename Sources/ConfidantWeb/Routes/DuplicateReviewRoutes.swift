import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// The leads' list of people who may have been recorded twice. The page names nobody (each record
/// opens, and is logged, when a lead follows its link), so the list itself is not a read of case content.
struct DuplicateReviewRoutes: RouteRegistration {
    let environment: WebEnvironment

    struct Row: Sendable {
        let id: String
        let personID: String
        let matches: [String]
        let raisedBy: String
        let raisedAt: String
    }

    struct View {
        let chrome: PageChrome
        let reviews: [Row]
    }

    func register(on routes: SecureRouter) {
        routes.get("/duplicates", access: RecordRoutes.leads) { _, context in
            let names = try await environment.users.names()
            let rows = try await environment.duplicateReviews.open().map { review in
                Row(
                    id: review.id.uuidString, personID: review.personID.uuidString, matches: review.matches.map(\.uuidString),
                    raisedBy: names[review.raisedBy] ?? "someone", raisedAt: RecordRoutes.format(review.raisedAt))
            }
            return environment.pages.page(
                .duplicates,
                View(
                    chrome: try await environment.chrome("Possible duplicates", context, path: "/duplicates"), reviews: rows))
        }
        routes.post("/duplicates/{id}/resolve", access: RecordRoutes.leads) { _, context in
            let lead = try context.signedInUser()
            guard try await environment.duplicateReviews.resolve(try context.uuidParameter(), by: lead.id, now: environment.clock()) else {
                throw WebError.conflict("Another lead has already reviewed this.")
            }
            return .redirect(to: "/duplicates")
        }
    }
}
