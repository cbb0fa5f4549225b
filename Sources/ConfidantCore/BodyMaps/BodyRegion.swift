/// One of the four body-map outlines a lead marks an injury on (`Public/bodymap/<rawValue>.svg`).
///
/// All four share the SVG box `0 0 200 440`, so a mark is stored as x, y in that box together with the outline
/// it was made on. Child and adult outlines carry the same regions; only the drawing differs.
public enum BodyOutline: String, Sendable, CaseIterable, Codable {
    case childFront = "child-front"
    case childBack = "child-back"
    case adultFront = "adult-front"
    case adultBack = "adult-back"

    /// Whether this is the child's outline (bigger head, shorter limbs) rather than the adult's.
    public var isChild: Bool { self == .childFront || self == .childBack }

    /// Which way the figure faces the viewer.
    public var side: BodySide {
        switch self {
        case .childFront, .adultFront: .front
        case .childBack, .adultBack: .back
        }
    }

    /// What a person calls it, for a heading or a choice of outline.
    public var title: String {
        switch self {
        case .childFront: "Child, front"
        case .childBack: "Child, back"
        case .adultFront: "Adult, front"
        case .adultBack: "Adult, back"
        }
    }

    /// The regions this outline is divided into, head to toe.
    public var regions: [BodyRegion] { BodyRegion.on(side) }
}

/// The side of the body a view shows: the front (face, chest) or the back.
public enum BodySide: String, Sendable, Codable {
    case front
    case back
}

/// A clickable part of a body-map outline, such as the left forearm seen from the front.
///
/// `id` is the SVG's region name: the shape is `id="r-<id>"` with `data-region="<id>"`, and ends in `-front` or
/// `-back` for its side. Left and right are always the person's own, never the viewer's: on a front view the
/// person's left arm is drawn on the viewer's right; on a back view it is on the viewer's left.
public struct BodyRegion: Sendable, Hashable, Codable {
    /// Kebab-case region name with its side, e.g. `left-forearm-front`.
    public let id: String
    /// Sentence-case name shown to people, e.g. "Left forearm, front" (the person's own left).
    public let name: String
    /// The view the region is drawn on.
    public let side: BodySide
}

extension BodyRegion {
    /// Every region of both views, front first, each head to toe: head and trunk, then arms, then legs.
    /// Left and right are the person's own.
    public static let all: [BodyRegion] = [
        BodyRegion(id: "head-front", name: "Head, front", side: .front),
        BodyRegion(id: "face-front", name: "Face", side: .front),
        BodyRegion(id: "neck-front", name: "Neck, front", side: .front),
        BodyRegion(id: "left-shoulder-front", name: "Left shoulder, front", side: .front),
        BodyRegion(id: "right-shoulder-front", name: "Right shoulder, front", side: .front),
        BodyRegion(id: "chest-front", name: "Chest", side: .front),
        BodyRegion(id: "abdomen-front", name: "Abdomen", side: .front),
        BodyRegion(id: "pelvis-front", name: "Pelvis", side: .front),
        BodyRegion(id: "left-upper-arm-front", name: "Left upper arm, front", side: .front),
        BodyRegion(id: "right-upper-arm-front", name: "Right upper arm, front", side: .front),
        BodyRegion(id: "left-elbow-front", name: "Left elbow, front", side: .front),
        BodyRegion(id: "right-elbow-front", name: "Right elbow, front", side: .front),
        BodyRegion(id: "left-forearm-front", name: "Left forearm, front", side: .front),
        BodyRegion(id: "right-forearm-front", name: "Right forearm, front", side: .front),
        BodyRegion(id: "left-hand-front", name: "Left hand, front", side: .front),
        BodyRegion(id: "right-hand-front", name: "Right hand, front", side: .front),
        BodyRegion(id: "left-thigh-front", name: "Left thigh, front", side: .front),
        BodyRegion(id: "right-thigh-front", name: "Right thigh, front", side: .front),
        BodyRegion(id: "left-knee-front", name: "Left knee, front", side: .front),
        BodyRegion(id: "right-knee-front", name: "Right knee, front", side: .front),
        BodyRegion(id: "left-lower-leg-front", name: "Left lower leg, front", side: .front),
        BodyRegion(id: "right-lower-leg-front", name: "Right lower leg, front", side: .front),
        BodyRegion(id: "left-foot-front", name: "Left foot, front", side: .front),
        BodyRegion(id: "right-foot-front", name: "Right foot, front", side: .front),

        BodyRegion(id: "head-back", name: "Head, back", side: .back),
        BodyRegion(id: "back-of-head-back", name: "Back of head", side: .back),
        BodyRegion(id: "neck-back", name: "Neck, back", side: .back),
        BodyRegion(id: "left-shoulder-back", name: "Left shoulder, back", side: .back),
        BodyRegion(id: "right-shoulder-back", name: "Right shoulder, back", side: .back),
        BodyRegion(id: "upper-back-back", name: "Upper back", side: .back),
        BodyRegion(id: "lower-back-back", name: "Lower back", side: .back),
        BodyRegion(id: "buttocks-back", name: "Buttocks", side: .back),
        BodyRegion(id: "left-upper-arm-back", name: "Left upper arm, back", side: .back),
        BodyRegion(id: "right-upper-arm-back", name: "Right upper arm, back", side: .back),
        BodyRegion(id: "left-elbow-back", name: "Left elbow, back", side: .back),
        BodyRegion(id: "right-elbow-back", name: "Right elbow, back", side: .back),
        BodyRegion(id: "left-forearm-back", name: "Left forearm, back", side: .back),
        BodyRegion(id: "right-forearm-back", name: "Right forearm, back", side: .back),
        BodyRegion(id: "left-hand-back", name: "Left hand, back", side: .back),
        BodyRegion(id: "right-hand-back", name: "Right hand, back", side: .back),
        BodyRegion(id: "left-thigh-back", name: "Left thigh, back", side: .back),
        BodyRegion(id: "right-thigh-back", name: "Right thigh, back", side: .back),
        BodyRegion(id: "left-knee-back", name: "Left knee, back", side: .back),
        BodyRegion(id: "right-knee-back", name: "Right knee, back", side: .back),
        BodyRegion(id: "left-lower-leg-back", name: "Left lower leg, back", side: .back),
        BodyRegion(id: "right-lower-leg-back", name: "Right lower leg, back", side: .back),
        BodyRegion(id: "left-foot-back", name: "Left foot, back", side: .back),
        BodyRegion(id: "right-foot-back", name: "Right foot, back", side: .back),
    ]

    private static let byID: [String: BodyRegion] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// The region with this id (`left-forearm-front`), or nil for a name no outline has.
    public static func named(_ id: String) -> BodyRegion? { byID[id] }

    /// The regions of one view, head to toe.
    public static func on(_ side: BodySide) -> [BodyRegion] { all.filter { $0.side == side } }
}
