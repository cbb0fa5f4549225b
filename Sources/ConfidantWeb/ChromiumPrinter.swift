import Foundation

/// Turns a page into a PDF with headless Chromium, a maintained tool, rather than a PDF writer of our own.
///
/// The page is written to a private temporary folder and printed from there (Chromium never fetches Confidant, so
/// no session or link leaves the process); the folder is removed afterwards, whatever happens.
struct ChromiumPrinter: Sendable {
    /// Where Chromium is: `CONFIDANT_CHROMIUM`, or the first of Debian's and others' usual paths that exists.
    let executable: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let candidates = [environment["CONFIDANT_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        executable = candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Why no PDF could be made.
    enum Failure: Error {
        case unavailable
        case failed(String)
    }

    /// The PDF of `html`; `@page` rules in its styles give the margins, page numbers and footer.
    func pdf(of html: String) async throws(Failure) -> Data {
        guard let executable else { throw .unavailable }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("confidant-print-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .failed("a private temporary folder could not be made: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html")
        let output = folder.appendingPathComponent("page.pdf")
        do {
            try Data(html.utf8).write(to: page)
        } catch {
            throw .failed("the page could not be written for printing")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(folder.path)/profile", "--no-pdf-header-footer", "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32 = await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: -1)
            }
        }
        guard status == 0, let data = FileManager.default.contents(atPath: output.path), data.starts(with: Data("%PDF".utf8)) else {
            throw .failed("Chromium did not print the page (exit status \(status))")
        }
        return data
    }
}
