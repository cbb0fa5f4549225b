import FluentKit
import Foundation

/// The `subject_access_requests` table: for whom, when it arrived, when it is due and whether its clock is stopped,
/// who recorded it and when it was answered, in the clear (for the register, its order and the reminders); who asked,
/// the clock's history, the redactions and the released response sealed, since they name people.
final class SubjectAccessModel: Model, @unchecked Sendable {
    static let schema = "subject_access_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "received_on") var receivedOn: Date
    /// The start of the day it is due, as it stood at the last change (the reminders read it).
    @Field(key: "due_on") var dueOn: Date
    @Field(key: "stopped") var stopped: Bool
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "released_at") var releasedAt: Date?
    @OptionalField(key: "released_by") var releasedBy: UUID?
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_details") var sealedDetails: String
    @Field(key: "sealed_progress") var sealedProgress: String
    @OptionalField(key: "sealed_workspace") var sealedWorkspace: String?
    @OptionalField(key: "sealed_response") var sealedResponse: String?

    init() {}
}
