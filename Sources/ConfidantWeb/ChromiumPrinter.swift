import Foundation
import Hummingbird

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

    /// How long one print may take before Chromium is stopped.
    static let deadline: Duration = .seconds(30)

    /// The PDF of `html`; `@page` rules in its styles give the margins, page numbers and footer.
    ///
    /// One print at a time (a Chromium takes a core of this machine), each stopped after `deadline`; every network address
    /// is unreachable to it, so nothing on the page can send anything anywhere. (Scripts stay on: Chromium's headless
    /// print needs them. The page holds none: every value in it is escaped by the template, the stylesheet is Confidant's
    /// own, and the footer's words are reduced to plain characters.)
    func pdf(of html: String) async throws(Failure) -> Data {
        guard let executable else { throw .unavailable }
        await PrintSlots.shared.acquire()
        defer { Task { await PrintSlots.shared.release() } }
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
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
            "--disable-background-networking",
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
                return
            }
            // A Chromium that hangs is stopped, then killed, so that no request waits for it for ever.
            let pid = process.processIdentifier
            Task {
                try? await Task.sleep(for: Self.deadline)
                guard process.isRunning else { return }
                process.terminate()
                try? await Task.sleep(for: .seconds(5))
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        guard status == 0, let data = FileManager.default.contents(atPath: output.path), data.starts(with: Data("%PDF".utf8)) else {
            throw .failed("Chromium did not print the page (exit status \(status))")
        }
        return data
    }
}

extension ChromiumPrinter {
    /// The PDF of `html` as a download named `filename`; a server without Chromium, or a print that fails, answers
    /// 409 with what the person can do instead.
    func pdfResponse(of html: String, filename: String, context: ConfidantRequestContext) async throws -> Response {
        let pdf = try await pdfOrConflict(of: html, filename: filename, context: context)
        return Response(
            status: .ok,
            headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"\(filename)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
    }
}

extension ChromiumPrinter {
    /// The PDF of `html`, or the 409 that says why none could be made and what to do instead.
    func pdfOrConflict(of html: String, filename: String, context: ConfidantRequestContext) async throws -> Data {
        do throws(Failure) {
            return try await self.pdf(of: html)
        } catch {
            switch error {
            case .unavailable:
                throw WebError.conflict(
                    "A PDF cannot be made on this server (Chromium is not installed). Use the print view and your browser's \"Save as PDF\".")
            case .failed(let reason):
                context.logger.error("A page could not be printed to PDF", metadata: ["file": "\(filename)", "reason": "\(reason)"])
                throw WebError.conflict("The PDF could not be made just now. Try again, or use the print view and your browser's \"Save as PDF\".")
            }
        }
    }
}

/// The prints that may run at once: one, since each Chromium takes a core.
actor PrintSlots {
    static let shared = PrintSlots(limit: 1)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
