import ConfidantCore
import Foundation

/// Reads the concern form into a `Concern`, and shows a `Concern` back in the form.
struct ConcernForm: Sendable {
    var date = ""
    var time = ""
    var place = ""
    var thirdParty = ""
    var account = ""
    var observations = ""
    var opinion = ""
    var limitsHow = ""
    var actionsTaken = ""
    var wishes = ""
    var wishesNotAsked = ""

    /// Fills `concern` from the submitted fields; a value outside a closed list is an error, not a guess.
    static func read(_ form: FormFields, into concern: inout Concern) -> (ConcernForm, [RecordFieldError]) {
        var errors: [RecordFieldError] = []
        var shown = ConcernForm(
            date: form["conversation_date"].trimmed, time: form["conversation_time"].trimmed, place: form["place"],
            thirdParty: form["third_party"], account: form["account"], observations: form["observations"],
            opinion: form["opinion"], limitsHow: form["limits_how"], actionsTaken: form["actions_taken"], wishes: form["wishes"],
            wishesNotAsked: form["wishes_not_asked"])
        concern.narrative = ConcernNarrative(
            place: shown.place, thirdParty: shown.thirdParty, account: shown.account, observations: shown.observations,
            opinion: shown.opinion, limitsHow: shown.limitsHow, actionsTaken: shown.actionsTaken, wishes: shown.wishes,
            wishesNotAsked: shown.wishesNotAsked)
        concern.conversationAt = nil
        // The date and time inputs send YYYY-MM-DD and HH:MM; a browser without them sends what was typed, read as people
        // write it ("1/12/2026", "4.30pm"), and shown back in the strict form.
        // Each is read on its own, so a wrong date and a wrong time are both reported at once.
        let day = shown.date.isEmpty ? nil : CalendarDay(typed: shown.date)
        let time = shown.time.isEmpty ? nil : TimeOfDay(typed: shown.time)
        if !shown.date.isEmpty, day == nil {
            errors.append(.init(field: "conversation_date", message: "Enter the date like 24/11/2026 or 2026-11-24"))
        }
        if !shown.time.isEmpty, time == nil { errors.append(.init(field: "conversation_time", message: "Enter the time like 16:30 or 4.30pm")) }
        if let day {
            shown.date = day.iso
            concern.conversationAt = day.start.addingTimeInterval(time?.seconds ?? 0)
        }
        if let time { shown.time = time.text }
        concern.disclosedBy = choice(form, "disclosed_by", DisclosedBy.self, &errors)
        concern.limitsExplained = yesNo(form, "limits_explained", &errors)
        concern.secrecyRequested = yesNo(form, "secrecy_requested", &errors)
        concern.offered = choice(form, "offered", ConfidentialityOffered.self, &errors)
        concern.risk = choice(form, "risk", RiskLevel.self, &errors)
        var categories: [ConcernCategory] = []
        for word in form.all("categories") where !word.isEmpty {
            if let category = ConcernCategory(rawValue: word) {
                if !categories.contains(category) { categories.append(category) }
            } else {
                errors.append(.init(field: "categories", message: "Choose categories from the list"))
            }
        }
        concern.categories = categories
        return (shown, errors)
    }

    /// The form as it shows a saved draft.
    init(_ concern: Concern) {
        if let at = concern.conversationAt {
            let text = at.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false))
            date = String(text.prefix(10))
            time = String(text.dropFirst(11).prefix(5))
        }
        place = concern.narrative.place
        thirdParty = concern.narrative.thirdParty
        account = concern.narrative.account
        observations = concern.narrative.observations
        opinion = concern.narrative.opinion
        limitsHow = concern.narrative.limitsHow
        actionsTaken = concern.narrative.actionsTaken
        wishes = concern.narrative.wishes
        wishesNotAsked = concern.narrative.wishesNotAsked
    }

    init(
        date: String = "", time: String = "", place: String = "", thirdParty: String = "", account: String = "",
        observations: String = "", opinion: String = "", limitsHow: String = "", actionsTaken: String = "", wishes: String = "",
        wishesNotAsked: String = ""
    ) {
        self.date = date
        self.time = time
        self.place = place
        self.thirdParty = thirdParty
        self.account = account
        self.observations = observations
        self.opinion = opinion
        self.limitsHow = limitsHow
        self.actionsTaken = actionsTaken
        self.wishes = wishes
        self.wishesNotAsked = wishesNotAsked
    }

    static func choice<T: RawRepresentable>(_ form: FormFields, _ name: String, _ type: T.Type, _ errors: inout [RecordFieldError]) -> T?
    where T.RawValue == String {
        let value = form[name]
        guard !value.isEmpty else { return nil }
        guard let parsed = T(rawValue: value) else {
            errors.append(.init(field: name, message: "Choose one of the options given"))
            return nil
        }
        return parsed
    }

    static func yesNo(_ form: FormFields, _ name: String, _ errors: inout [RecordFieldError]) -> Bool? {
        switch form[name] {
        case "": return nil
        case "yes": return true
        case "no": return false
        default:
            errors.append(.init(field: name, message: "Choose yes or no"))
            return nil
        }
    }
}

/// An option of a radio group or checkbox list.
struct Option: Sendable {
    let value: String
    let label: String
    let checked: Bool
    /// The same as `checked`, for `<option selected>`; stored because templates read stored properties only.
    let selected: Bool

    init(value: String, label: String, checked: Bool) {
        self.value = value
        self.label = label
        self.checked = checked
        self.selected = checked
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
