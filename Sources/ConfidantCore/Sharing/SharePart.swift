/// A part of a concern that may be chosen for a share; nothing is included unless chosen (minimum necessary, [Policy statement]).
///
/// The cases are declared in the order a recipient reads them: who the concern is about, what was
/// said and seen, the body map, the corrections added since, and whom to call back. Files are chosen one by one
/// (`ShareAnswers.files`), not as a part.
public enum SharePart: String, CaseIterable, Codable, Sendable {
    /// Who the concern is about, and the concern's date, categories and assessed risk.
    case subject
    case account
    case observations
    case opinion
    case actions
    /// Where marks were seen on the body, drawn on an outline, with what was noted about each.
    case bodyMap = "body_map"
    /// Corrections and later information added to the signed record as addenda.
    case addenda
    /// The safeguarding lead and the organisation's safeguarding phone and email.
    case contact

    /// The heading shown to the recipient.
    public var label: String {
        switch self {
        case .subject: "Who this is about"
        case .account: "What the person said"
        case .observations: "What staff saw or heard"
        case .opinion: "Staff opinion"
        case .actions: "Actions taken"
        case .bodyMap: "Body map"
        case .addenda: "Corrections and later information"
        case .contact: "Who to contact"
        }
    }

    /// What choosing the part sends, as the share form explains it.
    public var hint: String {
        switch self {
        case .subject:
            "Name, known as, date of birth and age, address, school or club, the household members you choose, "
                + "the concern's date, categories and risk (in a de-identified share: a pseudonym, the age and the town only)"
        case .account: "Their own words, as recorded"
        case .observations: "What the person recording it saw or heard themselves"
        case .opinion: "Kept apart from fact, as recorded"
        case .actions: "What was done next"
        case .bodyMap:
            "Where marks were seen, on an outline, with each mark's kind, size, colour, day and note. It identifies nobody, "
                + "so a de-identified share may carry it (its notes de-identified like the text)"
        case .addenda: "Every correction added to the record since it was signed, beside the text it corrects"
        case .contact: "The safeguarding lead's name and the organisation's safeguarding phone and email, for questions"
        }
    }

    /// This part's text in a concern's narrative, or nil for a part that is not narrative.
    public func narrativeText(in narrative: ConcernNarrative) -> String? {
        switch self {
        case .account: narrative.account
        case .observations: narrative.observations
        case .opinion: narrative.opinion
        case .actions: narrative.actionsTaken
        case .subject, .bodyMap, .addenda, .contact: nil
        }
    }

    /// The parts a new share form starts with: corrections travel with the text they correct, and the
    /// recipient always knows whom to call; nothing about the person is chosen for the sharer.
    public static let chosenByDefault: Set<SharePart> = [.addenda, .contact]
}
