import GuichetCore
import Vapor

/// Every route, registered from `SiteURL`.
func routes(_ app: Application) {
    app.get(SiteURL.home.pathComponents, use: PageControllers.home)
    app.get(SiteURL.help.pathComponents, use: PageControllers.helpIndex)
    app.get(SiteURL.helpTopic(.key).pathComponents, use: PageControllers.helpTopic)
    app.get(SiteURL.accessibility.pathComponents, use: PageControllers.accessibility)
    app.get(SiteURL.legalNotice.pathComponents, use: PageControllers.legalNotice)
    app.get(SiteURL.privacy.pathComponents, use: PageControllers.privacy)
    app.get(SiteURL.apiDocumentation.pathComponents, use: PageControllers.apiDocumentation)

    app.get(SiteURL.contact.pathComponents, use: ContactController.show)
    app.post(SiteURL.contact.pathComponents, use: ContactController.submit)
    app.get(SiteURL.contactSent.pathComponents, use: ContactController.sent)

    app.get(SiteURL.captchaImage(.key).pathComponents, use: CaptchaController.image)
    app.get(SiteURL.captchaAudio(.key).pathComponents, use: CaptchaController.audio)

    app.get(SiteURL.asset(.key).pathComponents, use: AssetController.show)
    app.get(SiteURL.healthz.pathComponents, use: OperationsController.health)
    app.get(SiteURL.metrics.pathComponents, use: OperationsController.metrics)

    accountRoutes(app)
    procedureRoutes(app)
    agentRoutes(app)

    if app.guichet.config.mode == .development {
        app.get(SiteURL.devOutbox.pathComponents, use: DevOutboxController.index)
        app.get(SiteURL.devOutboxMessage(.key).pathComponents, use: DevOutboxController.show)
    }
}

/// SPEC §3, §4: the catalogue, filling a dossier, saving, submitting, tracking.
private func procedureRoutes(_ app: Application) {
    app.get(SiteURL.catalogue.pathComponents, use: CatalogueController.index)
    for audience in Audience.allCases {
        app.get(SiteURL.audience(audience).pathComponents, use: CatalogueController.audience(audience))
    }
    app.get(SiteURL.procedure(.key).pathComponents, use: CatalogueController.show)
    app.post(SiteURL.procedureStart(.key).pathComponents, use: CatalogueController.start)
    app.get(SiteURL.blankForm(.key).pathComponents, use: CatalogueController.blankForm)
    app.get(SiteURL.partners.pathComponents, use: CatalogueController.partners)
    app.get(SiteURL.directory.pathComponents, use: DirectoryController.search)
    app.get(SiteURL.directoryBody(.key).pathComponents, use: DirectoryController.body)

    app.get(SiteURL.fillStep(.key).pathComponents, use: FillingController.showStep)
    // A step with attachments is streamed to disk, never collected in memory.
    app.on(.POST, SiteURL.fillStep(.key).pathComponents, body: .stream, use: FillingController.submitStep)
    app.get(SiteURL.fillAttachment(.key).pathComponents, use: FillingController.attachment)
    app.get(SiteURL.fillAbandon.pathComponents, use: FillingController.abandonForm)
    app.post(SiteURL.fillAbandon.pathComponents, use: FillingController.abandon)
    app.get(SiteURL.fillConflict.pathComponents, use: FillingController.conflict)
    app.post(SiteURL.fillConflict.pathComponents, use: FillingController.resolveConflict)
    app.get(SiteURL.fillSave.pathComponents, use: SavingController.form)
    app.post(SiteURL.fillSave.pathComponents, use: SavingController.save)
    app.get(SiteURL.draftSaved.pathComponents, use: SavingController.saved)
    app.get(SiteURL.fillSummary.pathComponents, use: SubmissionController.summary)
    app.post(SiteURL.fillSubmit.pathComponents, use: SubmissionController.submit)

    app.get(SiteURL.resumeByNumber.pathComponents, use: ResumeController.form)
    app.get(SiteURL.resume(.key).pathComponents, use: ResumeController.form)
    app.post(SiteURL.resumeByNumber.pathComponents, use: ResumeController.submit)
    app.get(SiteURL.confirmation(.key).pathComponents, use: SubmissionController.confirmation)
    app.get(SiteURL.receipt(.key).pathComponents, use: SubmissionController.receipt)
    app.get(SiteURL.lookup.pathComponents, use: TrackingController.lookupForm)
    app.post(SiteURL.lookup.pathComponents, use: TrackingController.lookup)

    let account = app.grouped(RequireAccountMiddleware())
    account.get(SiteURL.activity.pathComponents, use: TrackingController.activity)
    account.get(SiteURL.activityDossier(.key).pathComponents, use: TrackingController.dossier)
    account.post(SiteURL.activityComplete(.key).pathComponents, use: TrackingController.complete)
}

/// SPEC §1: signing in, creating and recovering accounts, and *Mon compte*.
private func accountRoutes(_ app: Application) {
    app.get(SiteURL.signIn.pathComponents, use: SignInController.show)
    app.post(SiteURL.signIn.pathComponents, use: SignInController.submit)
    app.get(SiteURL.signInCode.pathComponents, use: SignInController.showCode)
    app.post(SiteURL.signInCode.pathComponents, use: SignInController.submitCode)
    app.post(SiteURL.signOut.pathComponents, use: SignInController.signOut)
    app.post(SiteURL.resendActivation.pathComponents, use: SignInController.resendActivation)

    app.get(SiteURL.signUp.pathComponents, use: SignUpController.show)
    app.post(SiteURL.signUp.pathComponents, use: SignUpController.submit)
    app.get(SiteURL.signUpSent.pathComponents, use: SignUpController.sent)
    app.get(SiteURL.activate.pathComponents, use: SignUpController.activate)

    app.get(SiteURL.forgotIdentifier.pathComponents, use: RecoveryController.forgotIdentifier)
    app.post(SiteURL.forgotIdentifier.pathComponents, use: RecoveryController.submitForgotIdentifier)
    app.get(SiteURL.forgotIdentifierSent.pathComponents, use: RecoveryController.forgotIdentifierSent)
    app.get(SiteURL.forgotPassword.pathComponents, use: RecoveryController.forgotPassword)
    app.post(SiteURL.forgotPassword.pathComponents, use: RecoveryController.submitForgotPassword)
    app.get(SiteURL.forgotPasswordSent.pathComponents, use: RecoveryController.forgotPasswordSent)
    app.get(SiteURL.resetPassword.pathComponents, use: RecoveryController.resetForm)
    app.post(SiteURL.resetPassword.pathComponents, use: RecoveryController.submitReset)
    app.get(SiteURL.phoneChanged.pathComponents, use: RecoveryController.phoneChanged)
    app.post(SiteURL.phoneChanged.pathComponents, use: RecoveryController.submitPhoneChanged)
    app.get(SiteURL.confirmEmailChange.pathComponents, use: OptionsController.confirmEmailChange)
    app.get(SiteURL.accountDeleted.pathComponents, use: OptionsController.accountDeleted)

    let account = app.grouped(RequireAccountMiddleware())
    account.get(SiteURL.account.pathComponents, use: AccountController.home)
    account.get(SiteURL.profile.pathComponents, use: AccountController.profile)
    account.post(SiteURL.profile.pathComponents, use: AccountController.saveProfile)
    account.get(SiteURL.securityLog.pathComponents, use: AccountController.securityLog)
    account.get(SiteURL.accountLinks.pathComponents, use: AccountController.accountLinks)
    account.get(SiteURL.options.pathComponents, use: OptionsController.show)
    account.get(SiteURL.changeEmail.pathComponents, use: OptionsController.changeEmail)
    account.post(SiteURL.changeEmail.pathComponents, use: OptionsController.submitChangeEmail)
    account.get(SiteURL.changeEmailSent.pathComponents, use: OptionsController.changeEmailSent)
    account.get(SiteURL.changePassword.pathComponents, use: OptionsController.changePassword)
    account.post(SiteURL.changePassword.pathComponents, use: OptionsController.submitChangePassword)
    account.post(SiteURL.alerts.pathComponents, use: OptionsController.saveAlerts)
    account.post(SiteURL.disableSecondFactor.pathComponents, use: OptionsController.disableSecondFactor)
    account.get(SiteURL.deleteAccount.pathComponents, use: OptionsController.deleteAccount)
    account.post(SiteURL.deleteAccount.pathComponents, use: OptionsController.submitDeleteAccount)
    account.get(SiteURL.smsFactor.pathComponents, use: SecondFactorController.sms)
    account.post(SiteURL.smsFactor.pathComponents, use: SecondFactorController.submitSMS)
    account.get(SiteURL.smsFactorConfirm.pathComponents, use: SecondFactorController.confirmSMS)
    account.post(SiteURL.smsFactorConfirm.pathComponents, use: SecondFactorController.submitConfirmSMS)
    account.get(SiteURL.totpFactor.pathComponents, use: SecondFactorController.totp)
    account.post(SiteURL.totpFactor.pathComponents, use: SecondFactorController.submitTOTP)
    account.get(SiteURL.unlockCode.pathComponents, use: SecondFactorController.unlockCode)

    // SPEC §2: the wallet. The upload is streamed to disk, never collected in memory.
    account.get(SiteURL.wallet.pathComponents, use: WalletController.list)
    account.get(SiteURL.walletAdd.pathComponents, use: WalletController.addForm)
    account.on(.POST, SiteURL.walletAdd.pathComponents, body: .stream, use: WalletController.add)
    account.get(SiteURL.walletDownload(.key).pathComponents, use: WalletController.download)
    account.get(SiteURL.walletRename(.key).pathComponents, use: WalletController.renameForm)
    account.post(SiteURL.walletRename(.key).pathComponents, use: WalletController.rename)
    account.get(SiteURL.walletDelete(.key).pathComponents, use: WalletController.deleteForm)
    account.post(SiteURL.walletDelete(.key).pathComponents, use: WalletController.delete)
}

/// SPEC §6: the organisations' space, under its own session (realm and cookie).
private func agentRoutes(_ app: Application) {
    let agents = app.grouped(SessionMiddleware(realm: .agents))
    agents.get(SiteURL.agentSignIn.pathComponents, use: AgentSignInController.show)
    agents.post(SiteURL.agentSignIn.pathComponents, use: AgentSignInController.submit)
    agents.get(SiteURL.agentSignInCode.pathComponents, use: AgentSignInController.showCode)
    agents.post(SiteURL.agentSignInCode.pathComponents, use: AgentSignInController.submitCode)
    agents.post(SiteURL.agentSignOut.pathComponents, use: AgentSignInController.signOut)
    agents.get(SiteURL.agentInvitation.pathComponents, use: AgentSignInController.invitation)
    agents.post(SiteURL.agentInvitation.pathComponents, use: AgentSignInController.acceptInvitation)

    let inbox = agents.grouped(RequireAgentMiddleware())
    inbox.get(SiteURL.agentInbox.pathComponents, use: InboxController.index)
    inbox.get(SiteURL.agentExport.pathComponents, use: InboxController.export)
    inbox.get(SiteURL.agentDossier(.key).pathComponents, use: InboxController.dossier)
    inbox.get(SiteURL.agentAttachment(.key, .key).pathComponents, use: InboxController.attachment)
    inbox.get(SiteURL.agentReceipt(.key).pathComponents, use: InboxController.receipt)
    inbox.get(SiteURL.agentAction(.key, .key).pathComponents, use: InboxController.confirmAction)
    inbox.post(SiteURL.agentAction(.key, .key).pathComponents, use: InboxController.act)
}
