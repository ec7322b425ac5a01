import AimSpacyModel
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The calls of MLflow's REST API this tool makes (`/api/2.0/mlflow/...`, and the artifact proxy
/// `/api/2.0/mlflow-artifacts/...` of a server started with `--serve-artifacts`), as JSON over HTTP.
struct MLflowClient: Sendable {
    /// Why a call failed: the server could not be reached (or did not answer in time), which ends the
    /// whole export; or it answered with an error, which ends the export of one run.
    enum Failure: Error, Sendable {
        case unreachable(ExportError)
        case refused(ExportError, code: String)

        var error: ExportError {
            switch self {
            case .unreachable(let error), .refused(let error, _): return error
            }
        }
    }

    let base: URL
    let timeout: TimeInterval
    private let session: URLSession

    init(base: URL, timeout: TimeInterval = 30) {
        self.base = base
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        session = URLSession(configuration: configuration)
    }

    /// `POST /api/2.0/mlflow/<method>` with a JSON body.
    func post(_ method: String, _ body: JSONValue) async throws(Failure) -> JSONValue {
        var request = URLRequest(url: base.appendingPathComponent("api/2.0/mlflow/" + method))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.serializedUTF8())
        return try await send(request, method)
    }

    /// `GET /api/2.0/mlflow/<method>?name=value…`.
    func get(_ method: String, _ query: [(String, String)]) async throws(Failure) -> JSONValue {
        var components = URLComponents(url: base.appendingPathComponent("api/2.0/mlflow/" + method), resolvingAgainstBaseURL: false)
        components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        guard let url = components?.url else {
            throw .unreachable(ExportError(place: base.absoluteString, reason: "not a usable URL"))
        }
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        return try await send(request, method)
    }

    /// `PUT /api/2.0/mlflow-artifacts/artifacts/<location>/<path>`: one artifact file.
    func putArtifact(location: String, path: String, bytes: [UInt8]) async throws(Failure) {
        var url = base.appendingPathComponent("api/2.0/mlflow-artifacts/artifacts")
        for component in (location + "/" + path).split(separator: "/") { url.appendPathComponent(String(component)) }
        var request = URLRequest(url: url)
        request.httpMethod = "PUT"
        request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(bytes)
        _ = try await send(request, "artifact \(path)")
    }

    private func send(_ request: URLRequest, _ what: String) async throws(Failure) -> JSONValue {
        let place = "\(base.absoluteString) (\(what))"
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch let error as URLError where error.code == .timedOut {
            throw .unreachable(ExportError(place: place, reason: "the MLflow server did not answer within \(Int(timeout)) s"))
        } catch {
            throw .unreachable(ExportError(place: place, reason: "cannot reach the MLflow server: \(error.localizedDescription)"))
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let text = String(decoding: data, as: UTF8.self)
        let json = text.isEmpty ? JSONValue.object([]) : (try? JSONValue.parse(text))
        guard (200..<300).contains(status) else {
            let code = json?["error_code"]?.stringValue ?? "HTTP \(status)"
            let message = json?["message"]?.stringValue ?? String(text.prefix(200))
            let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
            throw .refused(ExportError(place: place, reason: "\(code): \(oneLine)"), code: code)
        }
        guard let json else {
            throw .refused(ExportError(place: place, reason: "the answer is not JSON: \(text.prefix(80))"), code: "BAD_RESPONSE")
        }
        return json
    }
}
