import Foundation

/// What was seen on the body, as the mark's form offers it.
public enum BodyMarkKind: String, Sendable, CaseIterable, Codable {
    case bruise
    case cutOrGraze = "cut_or_graze"
    case burn
    case bite
    case mark
    case swelling
    case other

    public var label: String {
        switch self {
        case .bruise: "Bruise"
        case .cutOrGraze: "Cut or graze"
        case .burn: "Burn"
        case .bite: "Bite"
        case .mark: "Mark"
        case .swelling: "Swelling"
        case .other: "Other"
        }
    }
}

/// One place on a body-map outline where something was seen, recorded on a concern.
///
/// A mark belongs to its concern and, once that concern is submitted, is frozen with it like the narrative: a
/// correction is an addendum (policy: records are factual and kept as written).
public struct BodyMark: Sendable, Equatable, Identifiable, Codable {
    public let id: UUID
    public let concernID: UUID
    public let personID: UUID
    public let outline: BodyOutline
    public let region: BodyRegion
    /// Where on the outline, in its 200 × 440 box: where it was tapped, or the region's middle when chosen from the list.
    public let x: Double
    public let y: Double
    public let kind: BodyMarkKind
    /// In the recorder's words: "about 3 cm across", "yellow-green".
    public let size: String
    public let colour: String
    public let note: String
    /// The day it was seen, YYYY-MM-DD.
    public let seenOn: CalendarDay
    public let addedBy: UUID
    public let addedAt: Date

    public init(
        id: UUID, concernID: UUID, personID: UUID, outline: BodyOutline, region: BodyRegion, x: Double, y: Double,
        kind: BodyMarkKind, size: String, colour: String, note: String, seenOn: CalendarDay, addedBy: UUID, addedAt: Date
    ) {
        self.id = id
        self.concernID = concernID
        self.personID = personID
        self.outline = outline
        self.region = region
        self.x = x
        self.y = y
        self.kind = kind
        self.size = size
        self.colour = colour
        self.note = note
        self.seenOn = seenOn
        self.addedBy = addedBy
        self.addedAt = addedAt
    }

    /// The same mark with each of its words (size, colour, note) passed through `words`: a de-identified share or print
    /// carries them as the redactor left them.
    public func rewritten(by words: (String) -> String) -> BodyMark {
        BodyMark(
            id: id, concernID: concernID, personID: personID, outline: outline, region: region, x: x, y: y, kind: kind, size: words(size),
            colour: words(colour), note: words(note), seenOn: seenOn, addedBy: addedBy, addedAt: addedAt)
    }

    /// The longest size, colour and note kept, in characters.
    public static let maximumShortLength = 100
    public static let maximumNoteLength = 2000
}

/// A mark as its form sent it, before it is checked.
public struct BodyMarkEntry: Sendable, Equatable {
    public var outline: String
    public var region: String
    /// Where the outline was tapped (empty without script).
    public var x: String
    public var y: String
    public var kind: String
    public var size: String
    public var colour: String
    public var note: String
    public var seenOn: String

    public init(
        outline: String = "", region: String = "", x: String = "", y: String = "", kind: String = "", size: String = "",
        colour: String = "", note: String = "", seenOn: String = ""
    ) {
        self.outline = outline
        self.region = region
        self.x = x
        self.y = y
        self.kind = kind
        self.size = size
        self.colour = colour
        self.note = note
        self.seenOn = seenOn
    }

    /// What a mark needs: a region on the outline, a kind, a day seen that is not in the future, and short enough words.
    /// `centre` gives a region's middle, for a mark chosen from the list or tapped outside its region.
    public func checked(
        concernID: UUID, personID: UUID, by author: UUID, now: Date,
        centre: (BodyOutline, BodyRegion) -> (x: Double, y: Double)
    ) -> Result<BodyMark, BodyMarkProblems> {
        var problems: [RecordFieldError] = []
        let outline = BodyOutline(rawValue: outline)
        let region = BodyRegion.named(region)
        if outline == nil { problems.append(RecordFieldError(field: "outline", message: "Choose the outline the mark is on")) }
        if region == nil || (outline != nil && region?.side != outline?.side) {
            problems.append(RecordFieldError(field: "region", message: "Choose where on the body it was seen"))
        }
        let kind = BodyMarkKind(rawValue: kind)
        if kind == nil { problems.append(RecordFieldError(field: "kind", message: "Choose what was seen")) }
        let day = CalendarDay(typed: seenOn.trimmingCharacters(in: .whitespaces))
        if let day {
            if day.start > now { problems.append(RecordFieldError(field: "seen_on", message: "The day it was seen cannot be in the future")) }
        } else {
            problems.append(RecordFieldError(field: "seen_on", message: "Give the day it was seen, like 24/11/2026"))
        }
        for (field, text, limit, name) in [
            ("size", size, BodyMark.maximumShortLength, "the size"), ("colour", colour, BodyMark.maximumShortLength, "the colour"),
            ("note", note, BodyMark.maximumNoteLength, "the note"),
        ] where text.count > limit {
            problems.append(RecordFieldError(field: field, message: "Keep \(name) to \(limit) characters"))
        }
        guard problems.isEmpty, let outline, let region, let kind, let day else { return .failure(BodyMarkProblems(problems: problems)) }
        let middle = centre(outline, region)
        var point = middle
        if let tappedX = Double(x), let tappedY = Double(y), (0...200).contains(tappedX), (0...440).contains(tappedY) {
            point = (tappedX, tappedY)
        }
        return .success(
            BodyMark(
                id: UUID(), concernID: concernID, personID: personID, outline: outline, region: region, x: point.x, y: point.y,
                kind: kind, size: size.trimmingCharacters(in: .whitespacesAndNewlines),
                colour: colour.trimmingCharacters(in: .whitespacesAndNewlines),
                note: note.trimmingCharacters(in: .whitespacesAndNewlines), seenOn: day, addedBy: author, addedAt: now))
    }
}

/// Why a mark's form was not accepted, field by field.
public struct BodyMarkProblems: Error, Sendable, Equatable {
    public let problems: [RecordFieldError]
}

extension BodyOutline {
    /// The outline a person's marks are made on: a child's for a child, an adult's for anyone else.
    public static func of(_ kind: PersonKind, _ side: BodySide) -> BodyOutline {
        switch (kind == .child, side) {
        case (true, .front): .childFront
        case (true, .back): .childBack
        case (false, .front): .adultFront
        case (false, .back): .adultBack
        }
    }
}
