import Vapor

/// Pages of fixed content: the home page, help and information pages.
enum PageControllers {
    @Sendable static func home(req: Request) async throws -> Response {
        req.render(HomePage())
    }

    @Sendable static func helpIndex(req: Request) async throws -> Response {
        req.render(HelpIndexPage())
    }

    @Sendable static func helpTopic(req: Request) async throws -> Response {
        guard let topic = req.parameters.get("topic").flatMap(HelpContent.topic) else { throw WebError.notFound }
        return req.render(HelpTopicPage(topic: topic))
    }

    @Sendable static func accessibility(req: Request) async throws -> Response {
        req.render(InformationPage.accessibility)
    }

    @Sendable static func apiDocumentation(req: Request) async throws -> Response {
        req.render(PartnerAPIDocumentationPage(baseURL: req.guichet.config.baseURL.absoluteString,
                                               rateLimit: req.guichet.config.partnerRateLimit))
    }

    @Sendable static func legalNotice(req: Request) async throws -> Response {
        req.render(InformationPage.legalNotice)
    }

    @Sendable static func privacy(req: Request) async throws -> Response {
        req.render(InformationPage.privacy)
    }
}
