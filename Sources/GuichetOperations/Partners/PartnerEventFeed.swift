import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// An organisation's event feed (SPEC §6): what happened to its dossiers and links,
/// in commit order, for polling with `after=<last sequence seen>` without missing any.
public enum PartnerEventFeed {
    public static let maximumPageSize = 100

    public struct Page: Sendable, Equatable {
        public let events: [PartnerEvent]
        /// Where to poll from next: the last sequence returned, or `after` when none.
        public let nextAfter: Int
    }

    public static func events(organisationKey: String, after: Int, limit: Int, in context: OperationContext) async throws -> Page {
        let size = min(max(limit, 1), maximumPageSize)
        let events = try await PartnerEvents.list(organisationKey: organisationKey, after: max(after, 0), limit: size, on: context.db)
            .compactMap(\.event)
        return Page(events: events, nextAfter: events.last?.sequence ?? max(after, 0))
    }
}
