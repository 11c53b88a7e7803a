import Foundation
import GuichetCore
import GuichetTestSupport
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Synchronization
import Testing
import Vapor

/// The SMS transport the live services choose.
@Suite struct SMSGatewayTests {
    @Test func configuredGatewayIsUsed() throws {
        var config = AppConfig.embedded(dataDirectory: URL(fileURLWithPath: "/tmp"))
        config.smsGatewayURL = URL(string: "https://sms.example.fr/envoi")
        let services = LiveServices.make(config: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        #expect((services.sms as? HTTPSMSTransport)?.url.absoluteString == "https://sms.example.fr/envoi")
        #expect(LiveServices.make(config: AppConfig.embedded(dataDirectory: URL(fileURLWithPath: "/tmp")),
                                  eventLoopGroup: MultiThreadedEventLoopGroup.singleton).sms is FileSMSTransport)
    }
}
