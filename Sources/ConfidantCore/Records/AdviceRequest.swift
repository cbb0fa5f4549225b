import Foundation

/// A question to the safeguarding lead about a situation, kept without anyone's name in it.
///
/// [Policy statement]: everyone should be able to "seek advice and support". The question and
/// the answer are de-identified by the redactor before they are stored, so asking for advice never
/// creates a record that identifies the person it is about.
public struct AdviceRequest: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var askerID: UUID
    /// The question as stored: already de-identified.
    public var question: String
    public var answer: String?
    public var answeredBy: UUID?
    public var askedAt: Date
    public var answeredAt: Date?

    public init(
        id: UUID, askerID: UUID, question: String, answer: String? = nil, answeredBy: UUID? = nil,
        askedAt: Date, answeredAt: Date? = nil
    ) {
        self.id = id
        self.askerID = askerID
        self.question = question
        self.answer = answer
        self.answeredBy = answeredBy
        self.askedAt = askedAt
        self.answeredAt = answeredAt
    }

    /// The most characters a question or answer may have.
    public static let maximumLength = 10_000
}

extension Person {
    /// This person as the redactor knows them, so their name in every form is replaced.
    public var knownPerson: KnownPerson {
        KnownPerson(
            name: details.name, role: kind == .child ? .child : .adult,
            aliases: details.knownAs.isEmpty ? [] : [details.knownAs])
    }
}
