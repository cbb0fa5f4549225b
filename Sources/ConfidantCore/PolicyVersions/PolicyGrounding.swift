/// Which clauses of a policy rest on which section of the organisation's text.
///
/// A clause whose section heading the text does not have would cite a section no one can
/// read, so publication waits until ``ungrounded`` is empty (see ``PolicyGovernance``).
public struct PolicyGrounding: Hashable, Sendable {
    /// A section of the text with the clauses that name it.
    public struct SectionClauses: Hashable, Sendable {
        /// The section.
        public let section: PolicySection
        /// The clauses whose `section` matches its heading, in the policy's order (possibly none).
        public let clauses: [PolicyClause]

        /// Pairs a section with the clauses resting on it.
        public init(section: PolicySection, clauses: [PolicyClause]) {
            self.section = section
            self.clauses = clauses
        }
    }

    /// Every section of the text, in order, with the clauses resting on it.
    public let sections: [SectionClauses]
    /// The clauses whose `section` matches no heading of the text, in the policy's order.
    public let ungrounded: [PolicyClause]

    /// Creates a grounding; ``PolicyText/grounding(of:)`` works one out.
    public init(sections: [SectionClauses], ungrounded: [PolicyClause]) {
        self.sections = sections
        self.ungrounded = ungrounded
    }

    /// Whether every clause rests on a section of the text.
    public var isComplete: Bool { ungrounded.isEmpty }
}
