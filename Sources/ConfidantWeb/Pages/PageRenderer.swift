import Foundation
import Hummingbird
import Mustache

/// Renders the Mustache templates shipped with the web module into HTML responses.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads every template from the module's resources.
    public static func load() async throws -> PageRenderer {
        guard let directory = Bundle.module.resourcePath.map({ $0 + "/Templates" }) else {
            throw WebSetupError.resourcesMissing
        }
        let library = try await MustacheLibrary(directory: directory)
        let missing = PageTemplate.allCases.filter { library.getTemplate(named: $0.rawValue) == nil }
        guard missing.isEmpty else { throw WebSetupError.templatesMissing(missing.map(\.rawValue)) }
        return PageRenderer(library: library)
    }

    /// The text of `template` filled from `view` (a page that is not sent as it is: printed to PDF, say).
    func render(_ template: PageTemplate, _ view: Any) -> String {
        guard let html = library.render(ReflectedView.view(view), withTemplate: template.rawValue) else {
            preconditionFailure("The template \(template.rawValue) was checked at start-up and is now missing")
        }
        return html
    }

    /// The page `template` filled from `view`, as an HTML response.
    ///
    /// `load` has checked that every template is there, so rendering cannot fail.
    func page(_ template: PageTemplate, _ view: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = render(template, view)
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The web application could not be assembled from its parts.
public enum WebSetupError: Error, CustomStringConvertible {
    case resourcesMissing
    /// These page templates are not among the module's resources.
    case templatesMissing([String])

    public var description: String {
        switch self {
        case .resourcesMissing:
            "The web module's templates and stylesheet were not found beside the executable; rebuild or reinstall Confidant."
        case .templatesMissing(let names):
            "The page templates \(names.joined(separator: ", ")) are missing beside the executable; rebuild or reinstall Confidant."
        }
    }
}
