import FluentKit
import Foundation

/// The `breaches` table: when a breach was found and reported, by whom, from which share, in the clear (for the
/// register's order and its clock); what happened and the decisions sealed, since they describe people.
final class BreachModel: Model, @unchecked Sendable {
    static let schema = "breaches"

    @ID(key: .id) var id: UUID?
    @Field(key: "reported_by") var reportedBy: UUID
    @Field(key: "reported_at") var reportedAt: Date
    @Field(key: "discovered_at") var discoveredAt: Date
    @OptionalField(key: "share_id") var shareID: UUID?
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_report") var sealedReport: String
    @OptionalField(key: "sealed_decisions") var sealedDecisions: String?

    init() {}
}
