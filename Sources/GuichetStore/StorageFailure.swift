import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Failures that mean "the storage cannot serve now" rather than a mistake in a query:
/// the database server is down or unreachable, the connection pool is exhausted, the
/// disk is full. Front doors answer them with "try again in a moment" (503), never a
/// 500 — and the pool reconnects by itself when the database returns.
public enum StorageFailure {
    public static func isUnavailable(_ error: any Error) -> Bool {
        if let error = error as? CocoaError,
           [.fileWriteOutOfSpace, .fileWriteVolumeReadOnly, .fileWriteUnknown, .fileWriteNoPermission].contains(error.code) {
            return true
        }
        if let error = error as? POSIXError, [.ENOSPC, .EDQUOT, .EIO, .EROFS].contains(error.code) { return true }
        if error is ConnectionPoolTimeoutError { return true }
        if let error = error as? ConnectionPoolError, error == .shutdown { return true }
        if let error = error as? PSQLError {
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .connectionQuiescing, .uncleanShutdown:
                return true
            case .server:
                // PostgreSQL refusing for capacity or because it is shutting down.
                guard let state = error.serverInfo?[.sqlState] else { return false }
                return state.hasPrefix("53") || state.hasPrefix("57P") || state.hasPrefix("08")
            default:
                return false
            }
        }
        if let error = error as? SQLiteError {
            switch error.reason {
            case .full, .ioError, .busy, .locked, .readOnly, .cantOpen: return true
            default: return false
            }
        }
        if let error = error as? any DatabaseError, error.isConnectionClosed { return true }
        return false
    }
}
