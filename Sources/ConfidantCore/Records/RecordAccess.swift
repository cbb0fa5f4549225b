import Foundation

/// Who may see and do what with safeguarding records: the product specification's table, as code.
///
/// Staff see their own records (and, with the sharing flow, what was shared with them);
/// safeguarding leads and deputies see every record; administrators, managers, auditors and
/// partner agency contacts see no case content here (managers get counts only).
public enum RecordAccess {
    /// Roles that record people and concerns.
    public static let recorders: Set<UserRole> = [.staff, .dsl, .deputyDSL]
    /// Roles that triage and see every record.
    public static let leads: Set<UserRole> = [.dsl, .deputyDSL]

    /// Whether `user` may read a concern written by `authorID`.
    public static func canRead(concernBy authorID: UUID, user: UserAccount) -> Bool {
        guard !user.disabled else { return false }
        if user.role.isSafeguardingLead { return true }
        return user.role == .staff && authorID == user.id
    }

    /// Whether `user` may read a person's record, given the authors of concerns about them and who created it.
    public static func canRead(personCreatedBy creator: UUID, concernAuthors: [UUID], user: UserAccount) -> Bool {
        canRead(personCreatedBy: creator, concernAuthors: concernAuthors, inDirectory: false, user: user)
    }

    /// Whether `user` may open a person's whole record (their details, family and household).
    ///
    /// Anyone can record a concern about a person in the directory, so writing one about them is no reason to open what
    /// others recorded: for a directory person, staff open the whole record only when they recorded the person.
    public static func canRead(personCreatedBy creator: UUID, concernAuthors: [UUID], inDirectory: Bool, user: UserAccount) -> Bool {
        guard !user.disabled else { return false }
        if user.role.isSafeguardingLead { return true }
        return user.role == .staff && (creator == user.id || (!inDirectory && concernAuthors.contains(user.id)))
    }
}
