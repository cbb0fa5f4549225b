import FluentKit
import Foundation

/// The `advice_requests` table: de-identified questions to the safeguarding lead and their answers, sealed too.
final class AdviceRequestModel: Model, @unchecked Sendable {
    static let schema = "advice_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "asker_id") var askerID: UUID
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_question") var sealedQuestion: String
    @OptionalField(key: "sealed_answer") var sealedAnswer: String?
    @OptionalField(key: "answered_by") var answeredBy: UUID?
    @Field(key: "asked_at") var askedAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?

    init() {}
}
