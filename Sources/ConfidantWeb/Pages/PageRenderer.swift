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
        return PageRenderer(library: try await MustacheLibrary(directory: directory))
    }

    /// The page `template` filled from `view`, as an HTML response.
    func page(_ template: String, _ view: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(view, withTemplate: template) ?? "<!doctype html><title>Confidant</title><p>Page missing: \(template)</p>"
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The web application could not be assembled from its parts.
public enum WebSetupError: Error, CustomStringConvertible {
    case resourcesMissing

    public var description: String {
        "The web module's templates and stylesheet were not found beside the executable; rebuild or reinstall Confidant."
    }
}
