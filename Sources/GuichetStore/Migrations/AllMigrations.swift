import FluentKit

/// Every migration, in the order it runs. A shipped migration is never edited: a
/// change is a new migration appended here.
public enum AllMigrations {
    public static var list: [any Migration] {
        [
            CreateBrowserSession(),
            CreateOutboxMessage(),
            CreateCaptcha(),
            CreateContactMessage(),
            CreateRateLimit(),
            CreateScheduledJob(),
            // 002: accounts
            CreateUser(),
            CreateAccountToken(),
            CreateSecurityEvent(),
            CreateCodeChallenge(),
            // 003: document wallet
            CreateDocument(),
            CreateBlob(),
            // 004: procedures and dossiers
            CreateDossier(),
            CreateDossierAttachment(),
            CreateTransmission(),
            CreateDossierEvent(),
            // 005: virus scanning
            AddScanState(),
            // 006: the organisations' side (partner API, webhooks, account links)
            AddPartnerColumns(),
            CreatePartnerKey(),
            CreatePartnerEvent(),
            CreatePartnerWebhook(),
            CreateAccountLink(),
            CreateIdempotencyKey(),
            // 007: the agents' inbox
            CreateAgent(),
            AddTransmissionApplicant(),
            // 008: the directory of public bodies
            CreatePublicBody(),
        ]
    }
}
