import Dispatch
import Foundation
import Storage
import Searcher
import Synchronization

/// A few read-only `IndexSearcher`s shared by the requests: each request borrows one for the length of its work.
///
/// An `IndexSearcher` owns an SQLite connection, which one thread at a time may use; opening one per request would
/// cost a schema check each time. The work runs on Dispatch's threads, not on Swift's cooperative pool (two threads
/// on this kind of machine), so a slow query never holds up reading and answering the other connections.
final class SearcherPool: Sendable {
    /// One searcher and the index file (device and inode) it was opened on.
    private final class Slot: @unchecked Sendable {
        // Unchecked: a slot is used by the one request that borrowed it, handed over under the pool's lock.
        let searcher: IndexSearcher
        let file: FileIdentity
        init(searcher: IndexSearcher, file: FileIdentity) {
            self.searcher = searcher
            self.file = file
        }
    }

    private struct State: ~Copyable {
        var idle: [Slot] = []
        var lent = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let path: String
    private let lexicon: Lexicon
    private let size: Int
    private let state = Mutex(State())

    /// Opens one searcher on `path` at once (so that a missing or foreign index fails here); at most `size` at a time.
    init(path: String, lexicon: Lexicon, size: Int) throws(IndexError) {
        self.path = path
        self.lexicon = lexicon
        self.size = max(1, size)
        let first = Slot(searcher: try IndexSearcher(path: path, lexicon: lexicon), file: FileIdentity(path: path))
        state.withLock { $0.idle.append(first) }
    }

    /// Runs `work` with a searcher of its own, on a Dispatch thread, waiting while all are lent.
    func run<T: Sendable>(_ work: @Sendable @escaping (IndexSearcher) throws -> T) async throws -> T {
        await acquire()
        let file = FileIdentity(path: path)
        // An index replaced by another file (a rebuild renames its new file over the old) is read from the new one.
        let reused: Slot? = state.withLock { state in
            state.idle.removeAll { $0.file != file }
            return state.idle.popLast()
        }
        let path = self.path, lexicon = self.lexicon
        do {
            let result: (T, Slot) = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result {
                        let slot = try reused ?? Slot(searcher: IndexSearcher(path: path, lexicon: lexicon), file: file)
                        return (try work(slot.searcher), slot)
                    })
                }
            }
            release(result.1)
            return result.0
        } catch {
            // The searcher that failed is dropped: its connection may be in any state.
            release(nil)
            throw error
        }
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready: Bool = state.withLock { state in
                if state.lent < size {
                    state.lent += 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func release(_ slot: Slot?) {
        let next: CheckedContinuation<Void, Never>? = state.withLock { state in
            if let slot { state.idle.append(slot) }
            guard !state.waiting.isEmpty else {
                state.lent -= 1
                return nil
            }
            return state.waiting.removeFirst() // its turn: `lent` stays as it is
        }
        next?.resume()
    }
}

/// Which file a path names now: its device and inode (zero when it cannot be read).
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(path: String) {
        var info = stat()
        if stat(path, &info) == 0 {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        } else {
            device = 0
            inode = 0
        }
    }
}
