import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// A concern's body map: where on the body something was seen, marked on a child's or an adult's outline by tapping it
/// or, without script, by choosing the place from a list. The concern's author marks it while it is a draft; once the
/// concern is submitted the map is frozen with it (a correction is an addendum).
struct BodyMapRoutes: RouteRegistration {
    let environment: WebEnvironment

    var records: RecordRoutes { RecordRoutes(environment: environment) }

    func register(on routes: SecureRouter) {
        routes.get("/concerns/{id}/body-map", access: RecordRoutes.recorders, returnsCaseContent: true) { _, context in
            try await bodyMapPage(context, entry: BodyMarkEntry(seenOn: CalendarDay(containing: environment.clock()).iso), errors: [], status: .ok)
        }
        routes.post("/concerns/{id}/body-map", access: RecordRoutes.recorders) { request, context in
            let (concern, person) = try await records.ownDraft(context)
            let form = try await FormFields.read(request, context: context)
            let entry = BodyMarkEntry(
                region: form["region"], x: form["x"], y: form["y"], kind: form["kind"], size: form["size"], colour: form["colour"],
                note: form["note"], seenOn: form["seen_on"])
            var withOutline = entry
            withOutline.outline = BodyRegion.named(entry.region).map { BodyOutline.of(person.kind, $0.side).rawValue } ?? ""
            let viewer = try context.signedInUser()
            let bodyMaps = environment.bodyMaps
            switch withOutline.checked(
                concernID: concern.id, personID: person.id, by: viewer.id, now: environment.clock(), centre: bodyMaps.centre)
            {
            case .failure(let refused):
                let errors = refused.problems.map {
                    FieldError(field: ["outline": "region", "kind": "kind-bruise"][$0.field] ?? $0.field, message: $0.message)
                }
                return try await bodyMapPage(context, entry: entry, errors: errors, status: .badRequest)
            case .success(let mark):
                try await environment.bodyMarks.add(mark)
                return .redirect(to: "/concerns/\(concern.id)/body-map#marks")
            }
        }
        routes.post("/concerns/{id}/body-map/{mark}/remove", access: RecordRoutes.recorders) { _, context in
            let (concern, _) = try await records.ownDraft(context)
            guard try await environment.bodyMarks.remove(try context.uuidParameter("mark"), from: concern.id) else { throw WebError.notFound }
            return .redirect(to: "/concerns/\(concern.id)/body-map#marks")
        }
    }

    /// A mark as a page lists it.
    struct MarkRow: Sendable {
        let id: String
        let number: Int
        let kind: String
        let place: String
        let size: String?
        let colour: String?
        let note: String?
        let seenOn: String
        let concernLink: String?
    }

    /// Both sides of the person's outline with `marks` on them, and the marks listed.
    struct Figures: Sendable {
        let front: String
        let back: String
        let rows: [MarkRow]
    }

    /// `marks` drawn on `kind`'s outlines, numbered in order; with `fading`, older days are drawn fainter.
    func figures(_ marks: [BodyMark], kind: PersonKind, fading: Bool, links: Bool) -> Figures {
        let days = marks.map(\.seenOn.start)
        let (oldest, newest) = (days.min() ?? Date(), days.max() ?? Date())
        let span = newest.timeIntervalSince(oldest)
        let drawn = marks.enumerated().map { index, mark in
            BodyMapFigures.Drawn(
                mark: mark, number: index + 1,
                strength: fading && span > 0 ? 0.3 + 0.7 * mark.seenOn.start.timeIntervalSince(oldest) / span : 1)
        }
        func shown(_ text: String) -> String? { text.isEmpty ? nil : text }
        return Figures(
            front: environment.bodyMaps.svg(.of(kind, .front), marks: drawn),
            back: environment.bodyMaps.svg(.of(kind, .back), marks: drawn),
            rows: drawn.map {
                MarkRow(
                    id: $0.mark.id.uuidString, number: $0.number, kind: $0.mark.kind.label, place: $0.mark.region.name,
                    size: shown($0.mark.size), colour: shown($0.mark.colour), note: shown($0.mark.note), seenOn: $0.mark.seenOn.spelledOut,
                    concernLink: links ? "/concerns/\($0.mark.concernID)" : nil)
            })
    }

    func bodyMapPage(
        _ context: ConfidantRequestContext, entry: BodyMarkEntry, errors: [FieldError], status: HTTPResponse.Status
    ) async throws -> Response {
        struct RegionGroup: Sendable { let label: String; let regions: [Option] }
        struct View {
            let chrome: PageChrome
            let concernID: String
            let personID: String
            let personName: String
            let outlineWord: String
            let figures: Figures
            let editable: Bool
            let regionGroups: [RegionGroup]
            let kinds: [Option]
            let entry: BodyMarkEntry
            let errors: [FieldError]
            let errorFor: [String: String]
            let back: String
        }
        let viewer = try context.signedInUser()
        let (concern, person) = try await records.readableConcernAndPerson(context)
        let editable = concern.status == .draft && concern.authorID == viewer.id
        let marks = try await environment.bodyMarks.marks(on: concern.id)
        let heading = "Body map for \(person.details.name)"
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? heading : "Error: \(heading)", context),
            concernID: concern.id.uuidString, personID: person.id.uuidString, personName: person.details.name,
            outlineWord: person.kind == .child ? "a child's" : "an adult's",
            figures: figures(marks, kind: person.kind, fading: false, links: false), editable: editable,
            regionGroups: [BodySide.front, .back].map { side in
                RegionGroup(
                    label: side == .front ? "Front" : "Back",
                    regions: BodyRegion.on(side).map { Option(value: $0.id, label: $0.name, checked: $0.id == entry.region) })
            },
            kinds: BodyMarkKind.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0.rawValue == entry.kind) },
            entry: entry, errors: errors, errorFor: FieldError.byField(errors, groups: ["kind"]),
            back: concern.status == .draft ? "/concerns/\(concern.id)/edit" : "/concerns/\(concern.id)")
        return environment.pages.page(.bodyMap, view, status: status)
    }
}
