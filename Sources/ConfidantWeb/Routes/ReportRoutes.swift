import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Oversight reports for managers, trustees and safeguarding leads: counts and durations for a period compared with
/// the one before, as tables, bar charts, CSV files and a printable quarterly report. Nothing here names anyone.
struct ReportRoutes: RouteRegistration {
    let environment: WebEnvironment

    /// Managers oversee; safeguarding leads see the same figures for their own practice. Nobody else: even counts of a
    /// small organisation's concerns are not for every account.
    static let readers = RouteAccess.roles([.manager, .dsl, .deputyDSL])

    struct RowView: Sendable {
        let label: String
        let current: String
        let previous: String
    }

    struct TableView: Sendable {
        let id: String
        let title: String
        let rowHeading: String
        let compared: Bool
        let rows: [RowView]
        /// The bar chart as inline SVG, when the table is drawn; its figures are the table's own.
        let chart: String?
        /// Every count is nought or held back: a chart would have no bars.
        let tooFewToChart: Bool
        let csvHref: String
    }

    struct View {
        let chrome: PageChrome
        let periodWords: String
        let previousWords: String
        let from: String
        let to: String
        let tables: [TableView]
        let quarterlyHref: String
        /// Whether figures are shown (not under a mistake in the period).
        let showsFigures: Bool
        let errors: [FieldError]
        let errorFor: [String: String]
    }

    func register(on routes: SecureRouter) {
        routes.get("/reports", access: Self.readers) { request, context in
            let now = environment.clock()
            let zone = environment.configuration.organisation.timeZone
            switch Self.period(request, now: now, timeZone: zone, default: ReportPeriod.recent(now: now, timeZone: zone)) {
            case .failure(let mistakes):
                // No figures under a mistake: they would be for a period nobody chose.
                let fallback = ReportPeriod.recent(now: now, timeZone: zone)
                return try await page(
                    context, report: OversightReport(period: fallback, concerns: [], shares: []), query: request, errors: mistakes.errors,
                    status: .badRequest)
            case .success(let period):
                return try await page(context, report: try await report(period), query: request, errors: [], status: .ok)
            }
        }
        routes.get("/reports/quarterly", access: Self.readers) { request, context in
            let now = environment.clock()
            let zone = environment.configuration.organisation.timeZone
            guard case .success(let period) = Self.period(request, now: now, timeZone: zone, default: .previousQuarter(before: now, timeZone: zone))
            else { throw WebError.badRequest("Choose the period again from the reports page: its dates are not right.") }
            return try await quarterly(context, report: try await report(period))
        }
        routes.get("/reports/{table}", access: Self.readers) { request, context in
            let name = try context.parameters.require("table")
            guard name.hasSuffix(".csv") else { throw WebError.notFound }
            let now = environment.clock()
            let zone = environment.configuration.organisation.timeZone
            guard case .success(let period) = Self.period(request, now: now, timeZone: zone, default: .recent(now: now, timeZone: zone)) else {
                throw WebError.badRequest("Choose the period again from the reports page: its dates are not right.")
            }
            let report = try await report(period)
            guard let table = report.table(String(name.dropLast(4))) else { throw WebError.notFound }
            let csv = table.csv(current: period.words, previous: "Before: " + period.previous.words)
            let file = "confidant-\(table.id)-\(period.first.iso)-to-\(period.last.iso).csv"
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(file)\""],
                body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
    }

    /// The figures for `period` and the one before it.
    func report(_ period: ReportPeriod) async throws -> OversightReport {
        let concerns = try await environment.reports.concerns(in: period)
        let shares = try await environment.reports.shareFacts(from: period.previous.start, to: period.end, now: environment.clock())
        return OversightReport(period: period, concerns: concerns.facts, timings: concerns.timings, shares: shares)
    }

    /// The mistakes in a chosen period, each on its field.
    struct PeriodMistakes: Error {
        let errors: [FieldError]
    }

    /// The period the query asks for (`from`, `to`, typed as people write days), or `fallback` when it names none.
    static func period(_ request: Request, now: Date, timeZone: TimeZone, default fallback: ReportPeriod) -> Result<ReportPeriod, PeriodMistakes> {
        let query = request.uri.queryParameters
        let fromText = String((query["from"] ?? "").prefix(40)).trimmingCharacters(in: .whitespaces)
        let toText = String((query["to"] ?? "").prefix(40)).trimmingCharacters(in: .whitespaces)
        if fromText.isEmpty, toText.isEmpty { return .success(fallback) }
        var errors: [FieldError] = []
        let first = CalendarDay(typed: fromText)
        let last = CalendarDay(typed: toText)
        if first == nil { errors.append(FieldError(field: "from", message: "Enter the first day like 1/7/2026 or 2026-07-01")) }
        if last == nil { errors.append(FieldError(field: "to", message: "Enter the last day like 30/9/2026 or 2026-09-30")) }
        guard let first, let last else { return .failure(PeriodMistakes(errors: errors)) }
        do {
            return .success(try ReportPeriod(first: first, last: last, timeZone: timeZone))
        } catch {
            switch error {
            case .endsBeforeItStarts:
                return .failure(PeriodMistakes(errors: [FieldError(field: "to", message: "The last day must be on or after the first day")]))
            case .tooLong:
                return .failure(PeriodMistakes(errors: [FieldError(field: "from", message: "Choose a period of at most ten years")]))
            }
        }
    }

    func page(
        _ context: ConfidantRequestContext, report: OversightReport, query request: Request, errors: [FieldError],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let period = report.period
        let range = "from=\(period.first.iso)&to=\(period.last.iso)"
        let tables = report.tables.map { table in
            TableView(
                id: table.id, title: table.title, rowHeading: table.rowHeading, compared: table.compared,
                rows: table.rows.map { RowView(label: $0.label, current: $0.current, previous: $0.previous) },
                chart: table.charted && table.rows.contains { ($0.bar ?? 0) > 0 } ? ReportChart.svg(table) : nil,
                tooFewToChart: table.charted && !table.rows.contains { ($0.bar ?? 0) > 0 },
                csvHref: "/reports/\(table.id).csv?\(range)")
        }
        let query = request.uri.queryParameters
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Reports" : "Error: Reports", context, path: "/reports"),
            periodWords: period.words, previousWords: period.previous.words,
            from: errors.isEmpty ? period.first.iso : String((query["from"] ?? "").prefix(40)),
            to: errors.isEmpty ? period.last.iso : String((query["to"] ?? "").prefix(40)), tables: tables,
            quarterlyHref: "/reports/quarterly", showsFigures: errors.isEmpty, errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.reports, view, status: status)
    }

    /// The trustees' report: the quarter's key figures on one or two printed pages.
    func quarterly(_ context: ConfidantRequestContext, report: OversightReport) async throws -> Response {
        struct Quarterly {
            let chrome: PageChrome
            let organisation: String
            let periodWords: String
            let previousWords: String
            let tables: [TableView]
            let printedOn: String
            /// "quarterly" for a calendar quarter, "period" otherwise; and the columns' headings to match.
            let kind: String
            let currentHeading: String
            let previousHeading: String
        }
        let wanted = ["policy-in-practice", "timings", "by-category", "by-risk", "triage-outcomes", "shares", "confidences-broken"]
        let tables = wanted.compactMap(report.table).map { table in
            TableView(
                id: table.id, title: table.title, rowHeading: table.rowHeading, compared: table.compared,
                // Rows that are nought in both periods say nothing to a trustee and cost paper.
                rows: table.rows.filter { $0.current != "0" || $0.previous != "0" }.map {
                    RowView(label: $0.label, current: $0.current, previous: $0.previous)
                }, chart: nil, tooFewToChart: false, csvHref: "")
        }
        let view = Quarterly(
            chrome: try await environment.chrome(
                report.period.isCalendarQuarter ? "Quarterly safeguarding report" : "Safeguarding report", context, path: "/reports"),
            organisation: environment.configuration.organisation.name, periodWords: report.period.words,
            previousWords: report.period.previous.words, tables: tables,
            printedOn: ReportPeriod.words(environment.clock(), in: report.period.timeZone),
            kind: report.period.isCalendarQuarter ? "quarterly" : "period",
            currentHeading: report.period.isCalendarQuarter ? "This quarter" : "This period",
            previousHeading: report.period.isCalendarQuarter ? "The quarter before" : "The period before")
        return environment.pages.page(.reportsQuarterly, view)
    }
}
