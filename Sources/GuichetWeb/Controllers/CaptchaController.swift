import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// The picture and the spoken version of a *code de sécurité*.
enum CaptchaController {
    @Sendable static func image(req: Request) async throws -> Response {
        let png = try await Captchas.image(id: req.parameters.get("id") ?? "", in: req.operations)
        var headers = HTTPHeaders()
        headers.contentType = .png
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(png)))
    }

    @Sendable static func audio(req: Request) async throws -> Response {
        let wav = try await Captchas.audio(id: req.parameters.get("id") ?? "", in: req.operations)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "audio", subType: "wav")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"code-de-securite.wav\"")
        return Response(status: .ok, headers: headers, body: .init(data: wav))
    }
}
