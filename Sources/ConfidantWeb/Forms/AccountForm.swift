import ConfidantCore

/// Reads a name and email from a form into checked account details, or the field errors to show.
enum AccountForm {
    static func details(_ form: FormFields) -> (details: AccountDetails?, errors: [FieldError]) {
        do {
            return (try AccountDetails(name: form["name"], email: form["email"]), [])
        } catch {
            return (nil, [FieldError(field: field(of: error), message: error.description)])
        }
    }

    static func field(of error: AccountDetailsError) -> String {
        switch error {
        case .missing(let field), .tooLong(let field): field
        case .invalidEmail: "email"
        }
    }
}
