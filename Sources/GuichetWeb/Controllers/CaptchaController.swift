import Foundation
import GuichetCore
import GuichetStore
import Vapor

enum CaptchaController {
    @Sendable static func image(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        guard let code = try await CaptchaStore.code(id: id, now: req.now, on: req.db) else { throw WebError.notFound }
        var headers = HTTPHeaders()
        headers.contentType = .png
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(CaptchaImage.png(code: code, seed: id))))
    }

    @Sendable static func audio(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        guard try await RateLimiter.hit(.captchaAudio, subject: req.clientAddress, now: req.now, on: req.db) else {
            throw WebError.tooManyRequests(retryAfterSeconds: Int(RateLimitRule.captchaAudio.window))
        }
        guard let code = try await CaptchaStore.code(id: id, now: req.now, on: req.db) else { throw WebError.notFound }
        let wav: Data
        do {
            wav = try await req.guichet.services.speech.wav(speaking: Captchas.spokenText(for: code))
        } catch {
            throw WebError.serviceUnavailable("L'écoute du code est momentanément indisponible. Affichez un nouveau code ou réessayez dans quelques instants.")
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "audio", subType: "wav")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"code-de-securite.wav\"")
        return Response(status: .ok, headers: headers, body: .init(data: wav))
    }
}
