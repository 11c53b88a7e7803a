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

    accountRoutes(app)

    if app.guichet.config.mode == .development {
        app.get(SiteURL.devOutbox.pathComponents, use: DevOutboxController.index)
        app.get(SiteURL.devOutboxMessage(.key).pathComponents, use: DevOutboxController.show)
    }
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
