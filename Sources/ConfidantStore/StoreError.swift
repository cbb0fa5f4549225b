/// Failures of the data store, each saying what the person running Confidant can do about it.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case badDatabaseURL(String, String)
    case databaseUnreachable(String, String)
    case cannotCreateDirectory(String, String)
    case keyFileUnreadable(String, String)
    case keyFileInvalid(String, String)
    /// A key file the database needs is not there (the path).
    case keyFileMissing(String)
    /// The keys do not belong to this database; the message says which and what to do.
    case keysRefused(String)
    case duplicateEmail(String)
    case userNotFound(String)
    case linkInvalid
    case migrationFailed(String)
    /// A row Confidant wrote cannot be read back as it was written (the database was changed outside Confidant, or a bug).
    case unreadableRow(String)
    /// Another process changed what this step depends on while it ran; nothing was changed, and it can be run again.
    case changedMeanwhile(String)
    /// The database driver does not accept SQL; Confidant needs SQLite or PostgreSQL.
    case notSQL
    /// A store was asked to send email but was made without the outbox (a programming error).
    case noOutbox

    public var description: String {
        switch self {
        case .badDatabaseURL(let url, let why): "DATABASE_URL \"\(url)\" is not usable: \(why)."
        case .databaseUnreachable(let location, let why): "Cannot reach the database (\(location)): \(why)."
        case .cannotCreateDirectory(let path, let why): "Cannot create the data directory \(path): \(why)."
        case .keyFileUnreadable(let path, let why): "Cannot read the key file \(path): \(why)."
        case .keyFileInvalid(let path, let why): "The key file \(path) is not a usable key: \(why)."
        case .keyFileMissing(let path): "The key file \(path) is missing."
        case .keysRefused(let why): why
        case .duplicateEmail(let email): "An account with the email \(email) already exists."
        case .userNotFound(let who): "No account matches \(who)."
        case .linkInvalid: "This link is not valid: it may have expired or been used already."
        case .migrationFailed(let why): "The database could not be brought up to date: \(why)."
        case .unreadableRow(let what):
            "The database holds something Confidant cannot read: \(what). Run `confidant audit verify` and restore from a backup if it fails."
        case .changedMeanwhile(let what): "Nothing was changed: \(what). Run the command again."
        case .noOutbox: "This command cannot send email: the store was opened without the outbox."
        case .notSQL: "The database does not accept SQL; Confidant runs on SQLite or PostgreSQL."
        }
    }
}
