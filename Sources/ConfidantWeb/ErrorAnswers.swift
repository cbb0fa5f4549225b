import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// An error of a lower module with exactly one answer on the web: its status and words are decided here,
/// once, and `ErrorPageMiddleware` gives that answer wherever it is thrown. Routes do not catch these to
/// translate them; they catch only to show a form again with the message beside the field.
protocol AnsweredOnTheWeb: Error {
    var webError: WebError { get }
}

extension RecordError: AnsweredOnTheWeb {
    var webError: WebError {
        switch self {
        case .notFound: .notFound
        case .invalidRequest: .badRequest(description)
        case .submittedIsFinal, .notNow: .conflict(description)
        }
    }
}

extension PolicyStoreError: AnsweredOnTheWeb {
    var webError: WebError {
        switch self {
        case .notFound: .notFound
        case _ where isInputError: .badRequest(description)
        default: .conflict(description)
        }
    }

    /// A mistake in what was typed (shown beside the field, 400) rather than a step the version's state refuses (409).
    var isInputError: Bool {
        switch self {
        case .invalidText, .invalidInput, .invalidClauses, .unknownSection, .emptyAnswer, .notPartnerContacts:
            true
        case .notFound, .refused, .notCurrent, .nothingPublished, .notBasedOnCurrent, .publishedMeanwhile, .emptyReason,
            .understandingRequired:
            false
        }
    }
}

extension ShareDecisionProblem: AnsweredOnTheWeb {
    var webError: WebError {
        switch self {
        case .reasonMissing, .reasonTooLong: .badRequest(message)
        case .notWaiting: .conflict(message)
        }
    }
}

extension PolicyGovernanceRefusal: AnsweredOnTheWeb {
    var webError: WebError { .conflict(description) }
}

extension StoreError: AnsweredOnTheWeb {
    var webError: WebError {
        switch self {
        case .databaseUnreachable: .serviceUnavailable
        case .duplicateEmail: .conflict(description)
        case .userNotFound: .badRequest(description)
        case .linkInvalid: .notFound
        case .changedMeanwhile: .conflict(description)
        case .badDatabaseURL, .cannotCreateDirectory, .keyFileUnreadable, .keyFileInvalid, .keyFileMissing, .keysRefused,
            .migrationFailed, .unreadableRow, .notSQL, .noOutbox:
            .unexpected
        }
    }
}

extension AccessRequestError: AnsweredOnTheWeb {
    var webError: WebError {
        switch self {
        case .notFound: .notFound
        case .notALead: .forbidden
        case .reasonMissing: .badRequest(description)
        case .alreadyDecided, .ownRequest: .conflict(description)
        }
    }
}

extension SecondFactorError: AnsweredOnTheWeb {
    var webError: WebError { .conflict(description) }
}

extension ShareCodeError: AnsweredOnTheWeb {
    /// Deliberately vague towards whoever holds the link (docs/security.md, "Share codes").
    var webError: WebError {
        switch self {
        case .notAvailable: .notFound
        case .tooManyCodes: .tooManyAttempts(seconds: 3600)
        case .invalidCode: .badRequest("This code is not right, has been used, or has expired. Ask for a new one")
        case .tooManyGuesses(let seconds): .tooManyAttempts(seconds: seconds)
        }
    }
}

extension AccountDetailsError: AnsweredOnTheWeb {
    var webError: WebError { .badRequest(description) }
}

extension AlreadyDecided: AnsweredOnTheWeb {
    /// "Already decided: approved by Dana Lead at 14:02 UTC on 25 November 2026." for the person who lost a race;
    /// times are UTC, as on every page.
    var webError: WebError {
        let when =
            at.map { at in
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
                calendar.locale = Locale(identifier: "en_GB")
                let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: at)
                let month = calendar.monthSymbols[max(0, min(11, (parts.month ?? 1) - 1))]
                return " at " + String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
                    + " UTC on \(parts.day ?? 1) \(month) \(parts.year ?? 1970)"
            } ?? ""
        return .conflict("Already decided: \(outcome.rawValue) by \(by)\(when). Nothing of yours was saved; reload the page to see it.")
    }
}
