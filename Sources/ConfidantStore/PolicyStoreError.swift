import ConfidantCore

/// Why a policy action could not be done, in words for the person who tried.
public enum PolicyStoreError: Error, Equatable, CustomStringConvertible {
    case notFound
    case refused(PolicyGovernanceRefusal)
    case invalidText(PolicyTextError)
    case invalidInput(PolicyInputError)
    case invalidClauses(String)
    case notPartnerContacts
    case unknownSection
    case notCurrent
    case understandingRequired
    case nothingPublished
    case emptyAnswer
    case emptyReason
    case notBasedOnCurrent(currentNumber: Int)
    case publishedMeanwhile

    public var description: String {
        switch self {
        case .notFound: "There is no such policy version or comment, or it is not open to you."
        case .refused(let refusal): refusal.description
        case .invalidText(let error): error.description
        case .invalidInput(let error): error.description
        case .invalidClauses(let why): "The clause data is not usable: \(why)"
        case .notPartnerContacts: "Only active partner agency contacts can be named in a consultation (staff are all invited already)."
        case .unknownSection: "That section is not in this version's text. Reload the page and choose a section again."
        case .notCurrent: "This is not the current version any more: a newer one was published. Read the current version and acknowledge that."
        case .understandingRequired: "Answer the check of understanding correctly before acknowledging the policy."
        case .nothingPublished: "No version of the policy has been published yet."
        case .emptyAnswer: "Write an answer, or mark the comment resolved, or both."
        case .emptyReason: "Say why this version should not be published yet, so the policy owner can act on it."
        case .notBasedOnCurrent(let number):
            "Version \(number) came into force after this draft was started, so publishing this one would undo its changes. Start a new draft from version \(number) and carry these changes over."
        case .publishedMeanwhile: "Another version was published a moment ago. Reload the page to see which version is now current."
        }
    }
}
