import ConfidantCore

/// Reads a name and email from a form into checked account details, or the field errors to show.
enum AccountForm {
    static func details(_ form: FormFields) -> (details: AccountDetails?, errors: [FieldError]) {
        do {
            return (try AccountDetails(name: form["name"], email: form["email"]), [])
        } catch {
            // Every field's mistake at once, so that a second send does not reveal one more.
            let all = AccountDetails.problems(name: form["name"], email: form["email"])
            return (nil, (all.isEmpty ? [error] : all).map { FieldError(field: field(of: $0), message: $0.description) })
        }
    }

    static func field(of error: AccountDetailsError) -> String {
        switch error {
        case .missing(let field), .tooLong(let field): field
        case .invalidEmail: "email"
        }
    }
}
