/// Why a data-protection form (a breach report or decision, a subject access request, a retention decision) was not
/// accepted, field by field: the page shows each message beside its field.
public struct FormProblems: Error, Sendable, Equatable {
    public let problems: [RecordFieldError]

    public init(_ problems: [RecordFieldError]) { self.problems = problems }
}
