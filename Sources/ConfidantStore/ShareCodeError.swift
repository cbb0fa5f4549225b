/// Why a one-time code could not be issued or used; deliberately vague towards the person asking.
public enum ShareCodeError: Error, Equatable {
    /// No such share, not open, not for a contact, or the contact has an account and must sign in.
    case notAvailable
    /// Too many codes asked in the last hour from this address, or for this contact.
    case tooManyCodes
    /// The code is wrong, used or expired.
    case invalidCode
    /// This address entered too many wrong codes in the last hour; it may try again in `seconds`.
    case tooManyGuesses(seconds: Int)
}
