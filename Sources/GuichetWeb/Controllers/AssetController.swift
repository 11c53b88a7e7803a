import Vapor

enum AssetController {
    @Sendable static func show(req: Request) async throws -> Response {
        guard let name = req.parameters.get("file"), let file = req.assets.file(named: name) else {
            throw WebError.notFound
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: file.asset.contentType)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }
}
