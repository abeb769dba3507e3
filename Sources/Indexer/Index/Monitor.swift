import Glibc

/// A mutex with a condition variable, and a way to start a thread: the little of threading the indexer needs,
/// on pthreads (Foundation's Thread and NSCondition would make every process load Foundation).
final class Monitor: @unchecked Sendable {
    // @unchecked: the pthread objects are the synchronisation themselves.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` with the mutex held.
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits for a broadcast; call only inside `locked`.
    func wait() {
        pthread_cond_wait(condition, mutex)
    }

    /// Wakes every waiter; call inside `locked`.
    func broadcast() {
        pthread_cond_broadcast(condition)
    }

    /// Runs `body` on a new detached thread.
    static func startThread(_ body: @escaping @Sendable () -> Void) {
        final class Box: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, 8 << 20)
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attributes, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        pthread_attr_destroy(&attributes)
        if rc != 0 {
            // No thread could be made: do the work here rather than not at all.
            Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()
        }
    }
}
