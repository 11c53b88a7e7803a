import Vapor

/// Every route, registered from `SiteURL`.
func routes(_ app: Application) {
    app.get(SiteURL.home.pathComponents, use: PageControllers.home)
    app.get(SiteURL.help.pathComponents, use: PageControllers.helpIndex)
    app.get(SiteURL.helpTopic(.key).pathComponents, use: PageControllers.helpTopic)
    app.get(SiteURL.accessibility.pathComponents, use: PageControllers.accessibility)
    app.get(SiteURL.legalNotice.pathComponents, use: PageControllers.legalNotice)
    app.get(SiteURL.privacy.pathComponents, use: PageControllers.privacy)

    app.get(SiteURL.contact.pathComponents, use: ContactController.show)
    app.post(SiteURL.contact.pathComponents, use: ContactController.submit)
    app.get(SiteURL.contactSent.pathComponents, use: ContactController.sent)

    app.get(SiteURL.captchaImage(.key).pathComponents, use: CaptchaController.image)
    app.get(SiteURL.captchaAudio(.key).pathComponents, use: CaptchaController.audio)

    app.get(SiteURL.asset(.key).pathComponents, use: AssetController.show)
    app.get(SiteURL.healthz.pathComponents, use: OperationsController.health)
    app.get(SiteURL.metrics.pathComponents, use: OperationsController.metrics)

    if app.guichet.config.mode == .development {
        app.get(SiteURL.devOutbox.pathComponents, use: DevOutboxController.index)
        app.get(SiteURL.devOutboxMessage(.key).pathComponents, use: DevOutboxController.show)
    }
}
